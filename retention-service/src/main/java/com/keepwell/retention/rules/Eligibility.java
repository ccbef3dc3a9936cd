package com.keepwell.retention.rules;

import java.util.List;
import java.util.Map;

import com.keepwell.retention.context.CustomerContext;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Marketer eligibility expressions in CEL, type-checked against the declared customer context
 * ({@link CustomerContext#VARIABLES}) and required to yield a bool. Compiling once and evaluating the program per
 * customer keeps evaluation cheap (microseconds).
 */
public final class Eligibility {

    /** A problem in an expression, with its 1-based position. */
    public record Issue(int line, int column, String message) {
    }

    /** The outcome of compiling: a program, or the problems. */
    public record Compiled(CelRuntime.Program program, List<Issue> issues) {

        public boolean ok() {
            return program != null;
        }
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVarDeclarations(CustomerContext.VARIABLES)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private Eligibility() {
    }

    public static Compiled compile(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Compiled(null, List.of(new Issue(1, 1, "the expression is empty; write `true` to admit everyone")));
        }
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            return new Compiled(null, result.getErrors().stream().map(Eligibility::issue).toList());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(RUNTIME.createProgram(ast), List.of());
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(null, List.of(new Issue(1, 1, e.getMessage())));
        }
    }

    /** Whether the customer is eligible; an evaluation error (e.g. division by zero) counts as not eligible. */
    public static boolean test(CelRuntime.Program program, Map<String, Object> context) {
        try {
            return Boolean.TRUE.equals(program.eval(context));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    private static Issue issue(CelIssue issue) {
        // CEL counts columns from 0
        return new Issue(Math.max(1, issue.getSourceLocation().getLine()), issue.getSourceLocation().getColumn() + 1,
                issue.getMessage());
    }
}
