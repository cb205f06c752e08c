package dev.tianshu.pipeline.step.validation;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import dev.tianshu.pipeline.model.Timestamps;

/** The text reports of step 3: sql_validation_&lt;ts&gt;_summary.log and file_modifications_&lt;ts&gt;.log. */
final class ValidationReports {

    private static final String RULE = "=".repeat(80);
    private static final String LINE = "-".repeat(80);

    private ValidationReports() {
    }

    static String summary(String inputFile, List<ValidatedPair> pairs, int attempted, int repaired, int retries,
            int modified, int deleted, boolean modifyFile, String repairNote) {
        int total = pairs.size();
        long validFirst = pairs.stream().filter(p -> p.verdict().valid()).count();
        long validNow = pairs.stream().filter(ValidatedPair::validAfterRepair).count();
        double avg = pairs.stream().mapToDouble(p -> p.verdict().seconds()).average().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append("SQL验证报告\n").append(RULE).append("\n\n");
        sb.append("输入文件: ").append(inputFile).append('\n');
        sb.append("验证时间: ").append(LocalDateTime.now().format(Timestamps.LOG)).append('\n');
        sb.append("验证结果摘要:\n");
        sb.append("  总SQL数量: ").append(total).append('\n');
        sb.append("  首次验证有效: ").append(validFirst).append('\n');
        sb.append("  最终有效SQL: ").append(validNow).append('\n');
        sb.append("  最终无效SQL: ").append(total - validNow).append('\n');
        sb.append("  成功率: ").append(percent(validNow, total)).append('\n');
        sb.append("  平均耗时: ").append(String.format(Locale.ROOT, "%.3f秒", avg)).append('\n');
        sb.append("  重试次数: ").append(retries).append("\n\n");
        sb.append("SQL修复统计:\n");
        if (repairNote != null) {
            sb.append("  ").append(repairNote).append('\n');
        }
        sb.append("  尝试修复: ").append(attempted).append('\n');
        sb.append("  修复成功: ").append(repaired).append('\n');
        sb.append("  修复失败: ").append(attempted - repaired).append('\n');
        sb.append("  修复成功率: ").append(percent(repaired, attempted)).append("\n\n");
        sb.append("原始文件修改统计:\n");
        if (modifyFile) {
            sb.append("  修改的SQL: ").append(modified).append('\n');
            sb.append("  删除的无效项: ").append(deleted).append("\n\n");
        } else {
            sb.append("  未启用原始文件修改 (modify_original_file=false)\n\n");
        }
        List<ValidatedPair> errors = pairs.stream().filter(p -> !p.verdict().valid()).toList();
        if (!errors.isEmpty()) {
            sb.append("错误详情（共").append(errors.size()).append("个）:\n").append(RULE).append('\n');
            int n = 1;
            for (ValidatedPair p : errors) {
                sb.append('\n').append(n++).append(". 问题: ").append(p.question()).append('\n');
                sb.append("   错误: ").append(p.verdict().error()).append('\n');
                if (p.repairedSql() != null) {
                    sb.append("   LLM修复尝试: 成功\n   修复后SQL: ").append(p.repairedSql()).append('\n');
                } else if (p.repairError() != null) {
                    sb.append("   LLM修复尝试: 失败\n   修复失败原因: ").append(p.repairError()).append('\n');
                }
                sb.append("   完整SQL:\n   ").append(p.sql()).append('\n').append("   ").append(LINE).append('\n');
            }
        }
        List<ValidatedPair> fixed = pairs.stream().filter(p -> p.repairedSql() != null).toList();
        if (!fixed.isEmpty()) {
            sb.append("\n成功修复的SQL（共").append(fixed.size()).append("个）:\n").append(RULE).append('\n');
            int n = 1;
            for (ValidatedPair p : fixed) {
                sb.append('\n').append(n++).append(". ").append(p.question()).append('\n');
                sb.append("   原始SQL: ").append(p.sql()).append('\n');
                sb.append("   修复后SQL: ").append(p.repairedSql()).append('\n');
            }
        }
        return sb.toString();
    }

    static String modifications(String file, List<ValidatedPair> pairs) {
        StringBuilder sb = new StringBuilder();
        sb.append("原始文件修改日志\n").append(RULE).append('\n');
        sb.append("修改时间: ").append(LocalDateTime.now().format(Timestamps.LOG)).append('\n');
        sb.append("原始文件: ").append(file).append('\n');
        sb.append("备份文件: ").append(file).append(".backup\n\n");
        List<ValidatedPair> modified = pairs.stream().filter(p -> p.repairedSql() != null).toList();
        List<ValidatedPair> deleted = pairs.stream().filter(p -> !p.validAfterRepair()).toList();
        if (!modified.isEmpty()) {
            sb.append("修改的SQL (").append(modified.size()).append("个):\n").append(LINE).append('\n');
            for (ValidatedPair p : modified) {
                sb.append("索引: ").append(p.index()).append('\n');
                sb.append("问题: ").append(p.question()).append('\n');
                sb.append("原SQL: ").append(p.sql()).append('\n');
                sb.append("新SQL: ").append(p.repairedSql()).append("\n\n");
            }
        }
        if (!deleted.isEmpty()) {
            sb.append("删除的无效项 (").append(deleted.size()).append("个):\n").append(LINE).append('\n');
            for (ValidatedPair p : deleted) {
                sb.append("索引: ").append(p.index()).append('\n');
                sb.append("问题: ").append(p.question()).append('\n');
                sb.append("SQL: ").append(p.sql()).append('\n');
                sb.append("错误: ").append(p.verdict().error()).append("\n\n");
            }
        }
        return sb.toString();
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
