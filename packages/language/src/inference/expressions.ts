import type { AstNode } from 'langium';
import {
    isBinaryExpr,
    isNegatedExpr,
    isNumberLiteral,
    isParamRef,
    type BlockCall,
    type Expr,
    type Parameter,
    type Size
} from '../generated/ast.js';
import { MAX_EXACT } from './checked.js';
import type { IssueSink } from './issues.js';

/** Parameter values of the block instance being evaluated. */
export type Environment = ReadonlyMap<Parameter, number>;

export interface EvalContext {
    readonly env: Environment;
    readonly sink: IssueSink;
    readonly callPath: readonly BlockCall[];
}

/** `digits`: the value's decimal digits, or `∞` when the product overflowed even a double. */
function tooLarge(ctx: EvalContext, node: AstNode, digits: string): undefined {
    ctx.sink.report({ code: 'too-large', data: { reason: 'literal', digits }, nodes: [node], callPath: ctx.callPath });
    return undefined;
}

/** Digits as written; beyond 2^53 they are reported, not silently rounded. */
function literalValue(digits: string, node: AstNode, ctx: EvalContext): number | undefined {
    const exact = BigInt(digits);
    return exact > BigInt(MAX_EXACT) ? tooLarge(ctx, node, exact.toString()) : Number(exact);
}

/** Integer value of an expression, or undefined when it cannot be known (the reason is reported). */
export function evaluate(expr: Expr | undefined, ctx: EvalContext): number | undefined {
    // A half-typed statement may lack the expression altogether: the parser said so already.
    if (!expr) return undefined;
    if (isNumberLiteral(expr)) return expr.digits === undefined ? undefined : literalValue(expr.digits, expr, ctx);
    if (isParamRef(expr)) {
        const param = expr.param.ref;
        // An unresolved name is already a linking error; say nothing more.
        return param ? ctx.env.get(param) : undefined;
    }
    if (isNegatedExpr(expr)) {
        const v = evaluate(expr.operand, ctx);
        return v === undefined ? undefined : -v;
    }
    if (isBinaryExpr(expr)) {
        const l = evaluate(expr.left, ctx);
        const r = evaluate(expr.right, ctx);
        if (l === undefined || r === undefined) return undefined;
        let value: number;
        switch (expr.op) {
            case '+':
                value = l + r;
                break;
            case '-':
            case '−':
                value = l - r;
                break;
            case '*':
            case '·':
                value = l * r;
                break;
            case '/':
                if (r === 0 || l % r !== 0) {
                    ctx.sink.report({ code: 'inexact-division', data: { dividend: l, divisor: r }, nodes: [expr], callPath: ctx.callPath });
                    return undefined;
                }
                value = l / r;
                break;
        }
        if (Math.abs(value) <= MAX_EXACT) return value;
        return tooLarge(ctx, expr, Number.isFinite(value) ? BigInt(value).toString() : '∞');
    }
    return undefined;
}

/** The parts of `N`, `AxB` or `AxBxC`, in source order (width first). */
export function evaluateSize(size: Size | undefined, ctx: EvalContext): number[] | undefined {
    if (!size) return undefined;
    if (size.literal !== undefined) {
        const parts: number[] = [];
        for (const digits of size.literal.split(/[x×]/)) {
            const value = literalValue(digits, size, ctx);
            if (value === undefined) return undefined;
            parts.push(value);
        }
        return parts;
    }
    const values: number[] = [];
    if (size.dims.length === 0) return undefined;
    for (const dim of size.dims) {
        const v = evaluate(dim, ctx);
        if (v === undefined) return undefined;
        values.push(v);
    }
    return values;
}
