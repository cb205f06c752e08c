package dev.tianshu.trainingdata.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A validated item about to be stored. Its id is derived from its content (a name-based UUID, version 5, over type,
 * question and content), so the same item always gets the same id and storing it twice is a no-op.
 *
 * @param content the SQL for sql and error_sql, the DDL for ddl, the text for documentation
 * @param source where it came from: api, upload:&lt;file&gt;, task:&lt;task id&gt;
 */
public record NewItem(TrainingType type, String question, String content, String source) {

    /** The namespace of training item ids (a fixed, random UUID). */
    private static final UUID NAMESPACE = UUID.fromString("5b7f3c2e-9d4a-4e61-8f0b-2c6a1d9e7f43");

    public String id() {
        return nameUuid(type.apiName() + '\u0000' + (question == null ? "" : question) + '\u0000' + content)
                + type.idSuffix();
    }

    /** The text the embedding is computed from: the question for question–SQL pairs, the content otherwise. */
    public String embeddingText() {
        return type.isQuestionSql() ? question : content;
    }

    static UUID nameUuid(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return bytes;
    }
}
