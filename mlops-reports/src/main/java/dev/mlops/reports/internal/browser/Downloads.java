package dev.mlops.reports.internal.browser;

import java.nio.charset.StandardCharsets;

/** How an artifact is offered for download: a file name the browser saves it under, never shown inline. */
final class Downloads {

    private Downloads() {
    }

    /**
     * The {@code Content-Disposition} of an artifact at {@code path}: an attachment named by the
     * path's last segment, as plain ASCII for old clients ({@code filename}, other characters
     * replaced by {@code _}) and exactly in UTF-8 ({@code filename*}, RFC 6266 and 8187).
     */
    static String contentDisposition(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "artifact";
        }
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c < 0x7f && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
