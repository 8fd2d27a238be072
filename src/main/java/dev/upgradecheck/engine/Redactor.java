package dev.upgradecheck.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text before it is printed or saved: the password itself (and its URL-encoded
 * form), {@code password=...} URL parameters (plain or {braced}), {@code user:password@} userinfo and
 * {@code :user/password@} credentials.
 */
public final class Redactor {

    public static final String MASK = "****";
    static final int MIN_MASKED_LENGTH = 4;

    /** A whole parameter's value, plain or {braced} (braces hold ';' and escape '}' as '}}'). */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)((?<![A-Za-z0-9_.-])(?:password|pwd|passwd|sslpassword|trustStorePassword|keyStorePassword)=)"
                    + "(\\{(?:[^}]|\\}\\})*\\}?|[^&;\\s)'\"]*)");
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]*)(@)");
    /** {@code :user/password@host}, as thin-driver style URLs write credentials; the password may be "quoted". */
    private static final Pattern SLASH_CREDENTIALS =
            Pattern.compile("(:[A-Za-z][A-Za-z0-9_$#.]*/)(\"[^\"]*\"|[^@/\\s\"]+)(@)");

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Redactor of(Secret... secrets) {
        List<String> values = new ArrayList<>();
        for (Secret s : secrets) {
            // a password of one to three characters cannot be masked without garbling every word that holds it
            if (s != null && s.reveal().length() >= MIN_MASKED_LENGTH) {
                values.add(s.reveal());
                String encoded = java.net.URLEncoder.encode(s.reveal(), java.nio.charset.StandardCharsets.UTF_8);
                if (!encoded.equals(s.reveal())) {
                    values.add(encoded);
                }
            }
        }
        // longest first, so a secret that contains another is masked whole
        values.sort((a, b) -> b.length() - a.length());
        return new Redactor(List.copyOf(values));
    }

    /** Masks the given secrets and any password written inside the URL itself. */
    public static Redactor forUrl(String url, Secret... secrets) {
        List<Secret> all = new ArrayList<>(List.of(secrets));
        all.addAll(secretsIn(url));
        return of(all.toArray(Secret[]::new));
    }

    /** Passwords written inside a URL ({@code password=...} parameters, {@code user:password@}). */
    public static List<Secret> secretsIn(String url) {
        List<Secret> found = new ArrayList<>();
        if (url != null) {
            PASSWORD_PARAM.matcher(url).results().forEach(m -> found.add(Secret.of(decode(unbrace(m.group(2))))));
            USERINFO.matcher(url).results().forEach(m -> found.add(Secret.of(decode(m.group(2)))));
            SLASH_CREDENTIALS.matcher(url).results().forEach(m -> found.add(Secret.of(unquote(m.group(2)))));
        }
        return found;
    }

    /** A URL with its credentials taken out, and the user they named (null when they named none). */
    public record Credentialless(String url, String user) {
    }

    /**
     * The URL without any password in it ({@code password=} parameters, {@code user:password@},
     * {@code user/password@}): for a URL shown so it can be pasted (the runbook's commands), where a mask
     * would not do. The user those credentials named is given apart, for {@code --user}.
     */
    public static Credentialless withoutCredentials(String url) {
        StringBuilder out = new StringBuilder(url);
        Matcher param = PASSWORD_PARAM.matcher(url);
        List<int[]> spans = new ArrayList<>();
        while (param.find()) {
            if (param.start() > 0 && "?&;".indexOf(url.charAt(param.start() - 1)) >= 0) {
                int end = param.end() < url.length() && "&;".indexOf(url.charAt(param.end())) >= 0
                        ? param.end() + 1 : param.end();
                spans.add(new int[] {param.start(), end});
            }
        }
        for (int i = spans.size() - 1; i >= 0; i--) {
            out.delete(spans.get(i)[0], spans.get(i)[1]);
        }
        while (!out.isEmpty() && "?&;".indexOf(out.charAt(out.length() - 1)) >= 0) {
            out.setLength(out.length() - 1);
        }
        String bare = out.toString();
        String user = null;
        Matcher userInfo = USERINFO.matcher(bare);
        if (userInfo.find()) {
            user = decode(userInfo.group(1).substring(2, userInfo.group(1).length() - 1));
            bare = bare.substring(0, userInfo.start()) + "//" + bare.substring(userInfo.end());
        }
        Matcher slash = SLASH_CREDENTIALS.matcher(bare);
        if (slash.find()) {
            user = slash.group(1).substring(1, slash.group(1).length() - 1);
            bare = bare.substring(0, slash.start()) + ":@" + bare.substring(slash.end());
        }
        return new Credentialless(bare, user == null || user.isEmpty() ? null : user);
    }

    private static String unbrace(String s) {
        if (s.length() >= 2 && s.startsWith("{") && s.endsWith("}")) {
            return s.substring(1, s.length() - 1).replace("}}", "}");
        }
        return s;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * PASSWORD_PARAM's case-insensitive alternation is tried at every position: on a fleet's report (megabytes)
     * that was most of the run's CPU. Every name it knows ends in pwd, passwd or password right before '=',
     * so text without such an '=' cannot match and skips the regex.
     */
    private static boolean mayHoldPasswordParam(String text) {
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            for (String tail : PARAM_TAILS) {
                if (eq >= tail.length() && text.regionMatches(true, eq - tail.length(), tail, 0, tail.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final List<String> PARAM_TAILS = List.of("pwd", "passwd", "password");

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return redactCredentials(out);
    }

    /**
     * Masks only credentials written in URL shapes ({@code password=}, {@code user:password@},
     * {@code user/password@}), not the password's bare text: for documents whose own words (an engine called
     * {@code postgres}) may equal a weak password, and whose user-given values were masked one by one.
     */
    public String redactCredentials(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (mayHoldPasswordParam(out)) {
            out = PASSWORD_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        if (out.indexOf('@') >= 0) {  // both credential forms need an '@': skip the scans when absent
            out = USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
            out = SLASH_CREDENTIALS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        }
        return out;
    }
}
