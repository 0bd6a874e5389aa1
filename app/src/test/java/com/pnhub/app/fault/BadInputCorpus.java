package com.pnhub.app.fault;

import com.pnhub.bridge.BridgeTopology;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The malformed inputs of the fault suite: hand-written cases from {@code bad-input/http.txt} and
 * {@code bad-input/queue.txt}, and cases generated from {@code bad-input/endpoints.txt} by breaking one
 * parameter of a request at a time (missing, repeated, wrong type, overlong, non-ASCII, against the number rules).
 */
final class BadInputCorpus {

    static final String HUB = "/mangoapi/s4011_NumberProtection_hub.Data/PrivateNumberApiController/";
    static final String USER_PRIVACY = "/mangoapi/b3520_User_PrivacyNumber.Data/PrivateNumber_ax/";

    /** One HTTP request; {@code expect} is matched against ResultMsg. */
    record HttpCase(String id, String category, String method, String target, String contentType, byte[] body,
                    Expectation expect, String note) {
    }

    /** One message on a legacy queue; {@code expect} is matched against the x-dlq-reason header. */
    record QueueCase(String id, String category, String queue, String contentType, byte[] body, Expectation expect,
                     String note) {
    }

    /** Alternatives: each names a parameter ({@code names:p}) or a text the message contains ({@code msg:t}). */
    record Expectation(List<String> alternatives) {

        static Expectation parse(String text) {
            return new Expectation(List.of(text.trim().split("\\s+or\\s+")));
        }

        static Expectation names(String parameter) {
            return new Expectation(List.of("names:" + parameter));
        }

        /** Tomcat's own 400 page is acceptable for this case (see http.txt). */
        boolean allowsConnectorRejection() {
            return alternatives.contains("limit:http400");
        }

        boolean matches(String message) {
            if (message == null) {
                return false;
            }
            for (String alternative : alternatives) {
                if (alternative.startsWith("names:")) {
                    String p = alternative.substring("names:".length());
                    String lower = message.toLowerCase(java.util.Locale.ROOT);
                    String bracket = "[" + p.toLowerCase(java.util.Locale.ROOT) + "]";
                    if ((lower.startsWith("缺少参数" + bracket) || lower.startsWith("参数" + bracket + "无效"))) {
                        return true;
                    }
                } else if (alternative.startsWith("msg:") && message.contains(alternative.substring("msg:".length()))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return String.join(" or ", alternatives);
        }
    }

    /** A parameter of a legacy endpoint as endpoints.txt declares it. */
    record Param(String name, String type, boolean optional) {
    }

    record Endpoint(String name, String basePath, List<Param> params) {
        String path() {
            return basePath + name;
        }
    }

    /** Valid values that name nothing registered (see endpoints.txt). */
    static final Map<String, String> VALID = Map.of("user", "987654321", "int", "1", "x", "19900000001",
            "real", "15800000001", "platform", "3", "state", "0", "nonneg", "120");

    /** Per type (endpoints.txt): values that break it, by what is wrong with them (values.txt). */
    static Map<String, Map<String, String>> badValues() {
        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        for (String[] f : rows("bad-input/values.txt", 3)) {
            bad.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
        }
        return bad;
    }

    private BadInputCorpus() {
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (String[] f : rows("bad-input/endpoints.txt", 3)) {
            List<Param> params = new ArrayList<>();
            for (String p : f[2].trim().split("\\s+")) {
                boolean optional = p.endsWith("?");
                String[] nt = (optional ? p.substring(0, p.length() - 1) : p).split(":");
                params.add(new Param(nt[0], nt[1], optional));
            }
            all.add(new Endpoint(f[0], f[1].equals("HUB") ? HUB : USER_PRIVACY, params));
        }
        return all;
    }

    static List<HttpCase> httpCases() {
        List<HttpCase> all = new ArrayList<>();
        for (String[] f : rows("bad-input/http.txt", 8)) {
            all.add(new HttpCase(f[0], f[1], f[2], expand(f[3]), dash(f[4]), body(f[5]), Expectation.parse(f[6]), f[7]));
        }
        all.addAll(generatedHttpCases());
        return all;
    }

    static List<QueueCase> queueCases() {
        List<QueueCase> all = new ArrayList<>();
        for (String[] f : rows("bad-input/queue.txt", 7)) {
            all.add(new QueueCase(f[0], f[1], queue(f[2]), dash(f[3]), body(f[4]), Expectation.parse(f[5]), f[6]));
        }
        return all;
    }

    /** For each endpoint: each required parameter left out, each parameter repeated, each bad value of its type. */
    static List<HttpCase> generatedHttpCases() {
        List<HttpCase> all = new ArrayList<>();
        Map<String, Map<String, String>> bad = badValues();
        for (Endpoint e : endpoints()) {
            boolean anyRequired = false;
            for (Param p : e.params()) {
                String id = e.name() + "." + p.name();
                if (!p.optional()) {
                    anyRequired = true;
                    all.add(get(id + ".missing", "missing", e, without(e, p), Expectation.names(p.name()), "left out"));
                    all.add(get(id + ".empty", "missing", e, query(e, p, ""), Expectation.names(p.name()), "empty value"));
                }
                String valid = VALID.get(p.type());
                String other = p.type().equals("platform") || p.type().equals("state") ? "1" : valid.substring(0, valid.length() - 1) + "7";
                all.add(get(id + ".repeated", "repeated", e, query(e, null, null) + "&" + enc(p.name()) + "=" + enc(other),
                        Expectation.names(p.name()), "given twice with different values"));
                all.add(get(id + ".repeated-case", "repeated", e,
                        query(e, null, null) + "&" + enc(p.name().toUpperCase(java.util.Locale.ROOT)) + "=" + enc(other),
                        Expectation.names(p.name()), "given twice, the second in upper case"));
                all.add(get(id + ".overlong", "overlong", e, query(e, p, "1".repeat(65)), Expectation.names(p.name()),
                        "65 digits"));
                all.add(get(id + ".huge", "overlong", e, query(e, p, "9".repeat(4000)), Expectation.names(p.name()),
                        "4 000 digits"));
                all.add(get(id + ".emoji", "non-ascii", e, query(e, p, "😀😀"), Expectation.names(p.name()), "emoji"));
                all.add(get(id + ".chinese", "non-ascii", e, query(e, p, "张伟"), Expectation.names(p.name()), "Chinese text"));
                for (Map.Entry<String, String> value : bad.getOrDefault(p.type(), Map.of()).entrySet()) {
                    String category = p.type().equals("x") || p.type().equals("real") ? "number-rules" : "wrong-type";
                    all.add(get(id + "." + value.getKey().replace(' ', '-'), category, e, query(e, p, value.getValue()),
                            Expectation.names(p.name()), value.getKey()));
                }
            }
            if (anyRequired) {
                all.add(get(e.name() + ".no-parameters", "missing", e, "", new Expectation(
                        e.params().stream().filter(p -> !p.optional()).map(p -> "names:" + p.name()).toList()), "no parameters"));
            }
        }
        return all;
    }

    private static HttpCase get(String id, String category, Endpoint e, String query, Expectation expect, String note) {
        return new HttpCase(id, category, "GET", e.path() + (query.isEmpty() ? "" : "?" + query), null, null, expect, note);
    }

    /** Every parameter valid except {@code broken}, which gets {@code value}; {@code broken} null = all valid. */
    private static String query(Endpoint e, Param broken, String value) {
        return e.params().stream()
                .map(p -> enc(p.name()) + "=" + enc(p.equals(broken) ? value : VALID.get(p.type())))
                .collect(Collectors.joining("&"));
    }

    private static String without(Endpoint e, Param left) {
        return e.params().stream().filter(p -> !p.equals(left))
                .map(p -> enc(p.name()) + "=" + enc(VALID.get(p.type())))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queue(String shortName) {
        switch (shortName) {
            case "MQ173":
                return BridgeTopology.MQ173_SET_BLACK_NUMBER;
            case "MQ176":
                return BridgeTopology.MQ176_SALE_CALL_PHONE_NUMBER_POOL;
            case "MQ108":
                return BridgeTopology.MQ108_PRIVATE_NUMBER_XNB;
            default:
                throw new IllegalArgumentException("unknown queue " + shortName);
        }
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static String expand(String target) {
        String t = target.replace("{HUB}", HUB).replace("{UP}", USER_PRIVACY)
                .replace("{ACTION_300}", "A".repeat(300))
                .replace("{DIGITS_20000}", "1".repeat(20_000));
        if (t.contains("{MANY_PARAMS}")) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 1500; i++) {
                many.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i);
            }
            t = t.replace("{MANY_PARAMS}", many);
        }
        return t;
    }

    private static byte[] body(String spec) {
        switch (spec) {
            case "-":
                return null;
            case "{EMPTY}":
                return new byte[0];
            case "{HUGE}":
                return padded(70 * 1024);
            case "{MEGA}":
                return padded(2 * 1024 * 1024);
            case "{DEEP}":
                return ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8);
            case "{BIN}": {
                byte[] b = new byte[256];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) i;
                }
                return b;
            }
            case "{FORM_1500}": {
                StringBuilder form = new StringBuilder();
                for (int i = 0; i < 1500; i++) {
                    form.append(i == 0 ? "" : "&").append('p').append(i).append('=').append(i);
                }
                return form.toString().getBytes(StandardCharsets.UTF_8);
            }
            default:
                return spec.replace("{LONG_300}", "a".repeat(300)).replace("{DIGITS_40}", "1".repeat(40))
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] padded(int size) {
        String head = "{\"platId\":3,\"pad\":\"";
        return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The non-comment lines of a corpus file split on '|', each with exactly {@code columns} fields. */
    private static List<String[]> rows(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = BadInputCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", -1);
                if (f.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " fields: " + line);
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].trim();
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Case counts by category, for the report. */
    static Map<String, Integer> countByCategory(List<String> categories) {
        Map<String, Integer> counts = new TreeMap<>();
        categories.forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts;
    }
}
