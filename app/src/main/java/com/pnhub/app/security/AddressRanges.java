package com.pnhub.app.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A list of addresses and CIDR ranges (IPv4 and IPv6), parsed once; a literal address only, never a host name. */
final class AddressRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    static AddressRanges parse(String property, List<String> entries) {
        return new AddressRanges(entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(e -> range(property, e)).toList());
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    private static Range range(String property, String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        byte[] network = literal(host);
        if (network == null) {
            throw new IllegalArgumentException(property + ": '" + entry + "' is not an IP address or CIDR range");
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException(property + ": '" + entry + "' has an invalid prefix length");
            }
        }
        return new Range(network, prefix);
    }

    /** The bytes of an IP literal, or null: InetAddress.getByName resolves names, so only literals are let through. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.%\\[\\]]+")) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (!t.contains(":") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address
            if (b.length == 16 && isV4Mapped(b)) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An address for a log line: the last IPv4 octet or the last IPv6 groups hidden. */
    static String masked(String address) {
        if (address == null) {
            return "?";
        }
        int dot = address.lastIndexOf('.');
        if (dot > 0 && !address.contains(":")) {
            return address.substring(0, dot) + ".*";
        }
        int colon = address.indexOf(':', address.indexOf(':') + 1);
        return colon > 0 ? address.substring(0, colon) + ":*" : "*";
    }
}
