package dev.mlops.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decoder under the CSV reader: every character before bad bytes first, then the bad bytes with their offset. */
class StrictDecoderTest {

    private static Reader decoder(byte[] bytes) {
        return new StrictDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, false);
    }

    @Test
    void readsOneCharacterAtATimeIncludingSurrogatePairs() throws IOException {
        String text = "aé中😀z".repeat(3);
        StringBuilder read = new StringBuilder();
        try (Reader in = decoder(text.getBytes(StandardCharsets.UTF_8))) {
            int c;
            while ((c = in.read()) >= 0) {
                read.append((char) c);
            }
        }
        assertEquals(text, read.toString());
    }

    @Test
    void handsOutEveryCharacterBeforeBadBytesFarPastItsBuffers() throws IOException {
        byte[] bytes = new byte[200_001];
        Arrays.fill(bytes, (byte) 'x');
        bytes[150_000] = (byte) 0xC0;
        char[] buffer = new char[7_777];
        long[] read = {0};
        try (Reader in = decoder(bytes)) {
            MalformedBytes bad = assertThrows(MalformedBytes.class, () -> {
                for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                    read[0] += n;
                }
            });
            assertEquals(150_000, bad.byteOffset());
            assertEquals("\\xC0", bad.escaped());
            assertThrows(MalformedBytes.class, () -> in.read(buffer, 0, 1), "the failure repeats");
        }
        assertEquals(150_000, read[0], "all 150,000 characters before the bad byte are handed out");
    }
}
