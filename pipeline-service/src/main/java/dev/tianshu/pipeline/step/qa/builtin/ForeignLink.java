package dev.tianshu.pipeline.step.qa.builtin;

/**
 * A foreign key between two tables of the task: {@code child.column} references {@code parent.parentColumn}.
 */
public record ForeignLink(TableSemantics child, ColumnSemantics column, TableSemantics parent, String parentColumn) {

    /** The join condition between the two tables under the given aliases. */
    public String on(String childAlias, String parentAlias) {
        return child.ref(childAlias, column) + " = " + parentAlias + "." + SqlText.identifier(parentColumn);
    }
}
