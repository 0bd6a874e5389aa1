package com.pnhub.api.xb;

/**
 * The business object a customer (XB) binding was made for, as MIS names it in GetCallNumber (#5):
 * {@code Mapclassid} the kind of object, {@code Mapid} the object (a house, for MQ175's {@code houseid}),
 * {@code Contactmapclassid} and {@code Contactid} the contact record (0 = none).
 */
public record ClientBindingContext(long mapClassId, long mapId, long contactMapClassId, long contactId) {
}
