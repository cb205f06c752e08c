package dev.tianshu.pipeline.model;

import java.util.Locale;

/** File sizes as the original formats them: "220.0 B", "1.6 KB", "102.5 KB", "3.1 MB". */
public final class Sizes {

    private Sizes() {
    }

    public static String format(long bytes) {
        double value = bytes;
        String[] units = {"B", "KB", "MB", "GB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
