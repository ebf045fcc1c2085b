import type { AstNode } from 'langium';
import {
    isBinaryExpr,
    isCall,
    type Call,
    isDecimalLiteral,
    isInDim,
    isLabelDim,
    isNegatedExpr,
    isNumberLiteral,
    isParamRef,
    type BlockCall,
    type Expr,
    type Parameter,
    type Size,
    type Statement
} from '../generated/ast.js';
import { MAX_EXACT } from './checked.js';
import { ceilOf, floorOf, fraction, type Fraction } from './fraction.js';
import type { IssueSink } from './issues.js';
import type { Instance, Volume } from './model.js';
import { maxOf, minOf } from '../util/large-arrays.js';

/** Parameter values of the block instance being evaluated. */
export type Environment = ReadonlyMap<Parameter, number>;

/** The most recent instance of each labelled statement in the network or block instance being evaluated. */
export type LabelScope = Map<Statement, Instance>;

export interface EvalContext {
    readonly env: Environment;
    readonly sink: IssueSink;
    readonly callPath: readonly BlockCall[];
    readonly callArgs: readonly (readonly number[])[];
    /** The volume entering the statement: `in.w`, `in.h`, `in.d`. */
    readonly input?: Volume;
    readonly labels: LabelScope;
}

const DIMENSIONS = ['w', 'h', 'd'] as const;
type Dimension = (typeof DIMENSIONS)[number];

export function isDimension(name: string | undefined): name is Dimension {
    return DIMENSIONS.some(d => d === name);
}

function report(ctx: EvalContext, issue: Parameters<IssueSink['report']>[0]): undefined {
    ctx.sink.report(issue);
    return undefined;
}

/** `digits`: the value's decimal digits, or `∞` when the product overflowed even a double. */
function tooLarge(ctx: EvalContext, node: AstNode, digits: string): undefined {
    return report(ctx, {
        code: 'too-large',
        data: { reason: 'literal', digits },
        nodes: [node],
        callPath: ctx.callPath,
        callArgs: ctx.callArgs
    });
}

/** Digits as written; beyond 2^53 they are reported, not silently rounded. */
function literalValue(digits: string, node: AstNode, ctx: EvalContext): number | undefined {
    const written = digits.charCodeAt(0) === 48 /* 0 */ ? digits.replace(/^0+(?=\d)/, '') : digits;
    // More than 16 digits is past 2^53 (16 digits) without parsing a literal that may be megabytes long;
    // 15 or fewer are below 10^15, well under it (no BigInt for the usual `64` or `3`).
    if (written.length > 16 || (written.length === 16 && BigInt(written) > BigInt(MAX_EXACT))) return tooLarge(ctx, node, written);
    return Number(written);
}

/**
 * `in.d` and `L.w`: a dimension of the volume entering the statement or of a
 * label's most recent output. Undefined when it is not known (a name or
 * dimension the validator reports, a label defined later, an error upstream).
 */
function dimensionValue(expr: Expr, ctx: EvalContext): number | undefined {
    let volume: Volume | undefined;
    let dim: string | undefined;
    if (isInDim(expr)) {
        volume = ctx.input;
        dim = expr.dim;
    } else if (isLabelDim(expr)) {
        const target = expr.label.ref;
        volume = target ? ctx.labels.get(target)?.output?.volume : undefined;
        dim = expr.dim;
    }
    return volume && isDimension(dim) ? volume[dim] : undefined;
}

/** Integer value of an expression, or undefined when it cannot be known (the reason is reported). */
export function evaluate(expr: Expr | undefined, ctx: EvalContext): number | undefined {
    // A half-typed statement may lack the expression altogether: the parser said so already.
    if (!expr) return undefined;
    if (isNumberLiteral(expr)) return expr.digits === undefined ? undefined : literalValue(expr.digits, expr, ctx);
    if (isDecimalLiteral(expr)) {
        const text = expr.$cstNode?.text ?? String(expr.value);
        return report(ctx, {
            code: 'invalid-value',
            data: { reason: 'not-whole', text },
            nodes: [expr],
            callPath: ctx.callPath,
            callArgs: ctx.callArgs
        });
    }
    if (isParamRef(expr)) {
        const param = expr.param.ref;
        // An unresolved name is already a linking error; say nothing more.
        return param ? ctx.env.get(param) : undefined;
    }
    if (isInDim(expr) || isLabelDim(expr)) return dimensionValue(expr, ctx);
    if (isNegatedExpr(expr)) {
        const v = evaluate(expr.operand, ctx);
        return v === undefined ? undefined : -v;
    }
    if (isCall(expr)) return callValue(expr, ctx);
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
                    return report(ctx, {
                        code: 'inexact-division',
                        data: { dividend: l, divisor: r },
                        nodes: [expr],
                        callPath: ctx.callPath,
                        callArgs: ctx.callArgs
                    });
                }
                value = l / r;
                break;
        }
        if (Math.abs(value) <= MAX_EXACT) return value;
        return tooLarge(ctx, expr, Number.isFinite(value) ? BigInt(value).toString() : '∞');
    }
    return undefined;
}

/** `min(a, b, …)`, `max(…)`; `floor(e)` and `ceil(e)` evaluate `e` exactly, `/` being rational division inside. */
function callValue(expr: Call, ctx: EvalContext): number | undefined {
    if (expr.fn === 'floor' || expr.fn === 'ceil') {
        const value = expr.args.length === 1 ? rational(expr.args[0], ctx) : undefined;
        if (!value) return undefined;
        const whole = expr.fn === 'floor' ? floorOf(value) : ceilOf(value);
        return Math.abs(whole) <= MAX_EXACT ? whole : tooLarge(ctx, expr, BigInt(whole).toString());
    }
    const values: number[] = [];
    for (const arg of expr.args) {
        const v = evaluate(arg, ctx);
        if (v === undefined) return undefined;
        values.push(v);
    }
    return expr.fn === 'min' ? minOf(values) : maxOf(values);
}

/** `0.25` as the fraction its digits say (1/4), never a binary approximation. */
function decimalFraction(text: string): Fraction | undefined {
    const match = /^(\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) return undefined;
    const [, whole, decimals = '', exponent = '0'] = match;
    const scale = decimals.length - Number(exponent);
    const digits = BigInt(`${whole}${decimals}` || '0');
    const value = scale >= 0 ? fraction(Number(digits), 10 ** scale) : fraction(Number(digits * 10n ** BigInt(-scale)), 1);
    return Number.isFinite(value.num) && Number.isFinite(value.den) ? value : undefined;
}

function combine(op: string, l: Fraction, r: Fraction): Fraction | undefined {
    switch (op) {
        case '+':
            return fraction(l.num * r.den + r.num * l.den, l.den * r.den);
        case '-':
        case '−':
            return fraction(l.num * r.den - r.num * l.den, l.den * r.den);
        case '*':
        case '·':
            return fraction(l.num * r.num, l.den * r.den);
        case '/':
            return r.num === 0 ? undefined : fraction(l.num * r.den, l.den * r.num);
    }
    return undefined;
}

/** An expression inside `floor(…)`/`ceil(…)`: decimals and non-exact division allowed, exactly. */
function rational(expr: Expr, ctx: EvalContext): Fraction | undefined {
    if (isDecimalLiteral(expr)) return decimalFraction(expr.$cstNode?.text ?? String(expr.value));
    if (isNegatedExpr(expr)) {
        const v = rational(expr.operand, ctx);
        return v && fraction(-v.num, v.den);
    }
    if (isBinaryExpr(expr)) {
        const l = rational(expr.left, ctx);
        const r = rational(expr.right, ctx);
        if (!l || !r) return undefined;
        if (expr.op === '/' && r.num === 0) {
            return report(ctx, {
                code: 'inexact-division',
                data: { dividend: l.num / l.den, divisor: 0 },
                nodes: [expr],
                callPath: ctx.callPath,
                callArgs: ctx.callArgs
            });
        }
        const value = combine(expr.op, l, r);
        if (!value || Math.abs(value.num) > MAX_EXACT || Math.abs(value.den) > MAX_EXACT) {
            return tooLarge(ctx, expr, '∞');
        }
        return value;
    }
    const whole = evaluate(expr, ctx);
    return whole === undefined ? undefined : fraction(whole);
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
