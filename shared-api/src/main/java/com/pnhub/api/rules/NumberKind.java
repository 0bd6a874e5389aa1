package com.pnhub.api.rules;

public enum NumberKind {
    VIRTUAL,
    REAL,
    GOVERNMENT,
    INVALID
}
