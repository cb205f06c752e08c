package dev.tianshu.pipeline.step.qa.builtin;

/** What a measure counts, which decides how questions speak of it. */
public enum MeasureKind {
    /** Money: 金额, 收入, price, cost. */
    AMOUNT,
    /** Numbers of things: 数量, 订单数, count, quantity. */
    COUNT,
    /** Any other quantity (durations, rates, sizes). */
    OTHER
}
