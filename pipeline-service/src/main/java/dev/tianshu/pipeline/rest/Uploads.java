package dev.tianshu.pipeline.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.tianshu.common.api.ApiException;

/** Checks on uploaded files and on file names given in paths. */
final class Uploads {

    private static final Pattern UNSAFE = Pattern.compile("[<>:\"|?*\\\\/\\x00-\\x1f\\x7f]");
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9");

    private Uploads() {
    }

    /** A plain file name: no path, no traversal, no characters file systems refuse, at most 255 bytes. */
    static String safeName(String name, String param) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidParams("文件名不能为空", param);
        }
        String n = name.strip();
        String stem = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        if (n.contains("..") || n.startsWith(".") || UNSAFE.matcher(n).find()
                || RESERVED.contains(stem.toLowerCase(Locale.ROOT))
                || n.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw ApiException.invalidParams("文件名不安全或无效: " + n, param);
        }
        return n;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    static FileUpload required(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalidParams("未提供文件，请使用 multipart/form-data 的 file 字段上传", "file");
        }
        return file;
    }

    static byte[] read(FileUpload file, long maxBytes, String limitText) {
        if (file.size() > maxBytes) {
            throw ApiException.invalidParams("文件大小不能超过" + limitText, "file");
        }
        if (file.size() == 0) {
            throw ApiException.invalidParams("文件为空", "file");
        }
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw ApiException.badRequest("读取上传文件失败: " + e.getMessage());
        }
    }

    /** The bytes as UTF-8, or empty when they are not valid UTF-8. */
    static Optional<String> utf8(byte[] bytes) {
        return decode(bytes, StandardCharsets.UTF_8).map(s -> s.startsWith("\uFEFF") ? s.substring(1) : s);
    }

    /** UTF-8, else GBK (table lists written on Chinese Windows), else empty. */
    static Optional<String> utf8OrGbk(byte[] bytes) {
        return utf8(bytes).or(() -> decode(bytes, Charset.forName("GBK")));
    }

    private static Optional<String> decode(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
