package dev.mlops.core.bundle.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 refusing malformed input: the lenient decoding of {@code new String(bytes, UTF_8)}
 * maps different bytes to the same text, so two files could verify differently yet read the same.
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
