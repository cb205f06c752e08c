package dev.tianshu.pipeline.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection string ({@code postgresql://user:password@host:port/database?...}) of a business database.
 * The password never leaves this class except to connect: {@link #masked()} is what responses and logs show.
 */
public final class DbConnection {

    private static final Pattern PASSWORD = Pattern.compile("^(postgres(?:ql)?://[^:/@]*:)([^@]*)(@.*)$");

    private static final Pattern SERVER_PART = Pattern.compile("^(postgres(?:ql)?://[^/?#]*)(?:/[^?#]*)?(.*)$");

    private final String url;
    private final String database;

    private DbConnection(String url, String database) {
        this.url = url;
        this.database = database;
    }

    /** Parses and checks the shape; throws IllegalArgumentException with a message for the user. */
    public static DbConnection parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("数据库连接字符串不能为空");
        }
        String u = url.strip();
        if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
            throw new IllegalArgumentException("数据库连接字符串必须以 postgresql:// 开头");
        }
        URI uri;
        try {
            uri = new URI(u.replaceFirst("^postgres(ql)?://", "http://"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("数据库连接字符串格式错误: " + mask(u));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("数据库连接字符串缺少主机名: " + mask(u));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String database = path.isBlank() ? null : URLDecoder.decode(path, StandardCharsets.UTF_8);
        return new DbConnection(u, database);
    }

    /** The connection string with the password replaced by {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = PASSWORD.matcher(url.strip());
        return m.matches() ? m.group(1) + "***" + m.group(3) : url;
    }

    /** Masks every connection string inside a free text (error messages of drivers may repeat them). */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("(postgres(?:ql)?://[^:/@\\s]*:)[^@\\s]*@", "$1***@");
    }

    /** The same server and credentials with another database (the path of the string replaced). */
    public DbConnection withDatabase(String name) {
        Matcher m = SERVER_PART.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("数据库连接字符串格式错误: " + masked());
        }
        return parse(m.group(1) + "/" + name + m.group(2));
    }

    /** For the driver only. */
    public String url() {
        return url;
    }

    public String masked() {
        return mask(url);
    }

    /** The database name from the path, or null when the string names none. */
    public String database() {
        return database;
    }

    @Override
    public String toString() {
        return masked();
    }
}
