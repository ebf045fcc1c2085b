import { DefaultLexer, type LangiumCoreServices, type LexerResult, type LexingDiagnostic, type TokenizeOptions } from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import { LAYER_KEYWORDS, NETWORK_SETTINGS, OPTION_WORDS, STRUCTURE_KEYWORDS } from '../names/vocabulary.js';
import { MAX_BRACE_DEPTH, MAX_PAREN_DEPTH, nestingTooDeep } from './nesting.js';
import { MAX_TEXT_BYTES, utf8LengthExceeds } from './size-limit.js';
import { pushAll } from '../util/large-arrays.js';
import { groupDigits } from '../util/group-digits.js';

/*
 * A typo must cost one diagnostic, not a cascade of parser errors that hides
 * every hint below it. Before the parser runs, this lexer reads the tokens
 * the way a person reads the file — a statement per line or per `;` — and
 * turns two kinds of unknown word into a single token each:
 *
 * - an unknown statement: a word at the start of a statement that is no
 *   keyword and no block call (`swish1`, `Conv 8 3x3`, `residul { … }`); it
 *   extends to the end of its line or `;`, or to its matching `}` when it
 *   opens a `{`;
 * - an unknown option: after a layer's arguments, a word that is no option
 *   (`padding 1`, `strides 2`), or an option written the PyTorch way
 *   (`bias=False`, `stride=2`, `kernel_size=3`), with its value.
 *
 * The grammar takes them as UnknownStatement and UnknownOption; the validator
 * names the nearest valid words. Everything it does not recognise it leaves
 * to the parser, as before. It also refuses, before any parsing, nesting
 * deeper than the parser's stack can take (`too-deep`), and a text larger
 * than convspec analyses (`file-too-large`, before tokenizing it).
 */

type LayerKeyword = (typeof LAYER_KEYWORDS)[number];

/** Every layer (the vocabulary's, no more, no fewer) and the number of values it requires before its options (`conv K F`). */
const LAYER_ARITY: Readonly<Record<LayerKeyword, number>> = {
    conv: 2,
    deconv: 2,
    dwconv: 1,
    maxpool: 1,
    avgpool: 1,
    adaptiveavgpool: 1,
    adaptivemaxpool: 1,
    upsample: 1,
    zeropad: 1,
    dense: 1,
    fc: 1,
    shuffle: 1,
    crop: 1,
    globalavgpool: 0,
    globalmaxpool: 0,
    flatten: 0,
    batchnorm: 0,
    bn: 0,
    relu: 0,
    relu6: 0,
    prelu: 0,
    sigmoid: 0,
    tanh: 0,
    gelu: 0,
    silu: 0,
    swish: 0,
    hardswish: 0,
    hardsigmoid: 0,
    selu: 0,
    mish: 0,
    softplus: 0,
    softmax: 0,
    logsoftmax: 0,
    lrn: 0,
    identity: 0,
    dropout: 0,
    leakyrelu: 0,
    elu: 0
};

/** Layers whose one number is optional: `dropout [p]`, `leakyrelu [slope]`, `elu [α]`. */
const OPTIONAL_NUMBER = new Set(['dropout', 'leakyrelu', 'elu']);

/** Options followed by a value, and flags. */
const VALUED_OPTIONS: ReadonlySet<string> = new Set(['stride', 'pad', 'dilation', 'groups', 'mult', 'outpad']);
const FLAG_OPTIONS: ReadonlySet<string> = new Set(OPTION_WORDS.filter(word => !VALUED_OPTIONS.has(word)));

/** Statements that open a body of statements (`repeat N {`, `residual {`, …) or are otherwise not layers. */
const OTHER_STATEMENTS: ReadonlySet<string> = new Set([...STRUCTURE_KEYWORDS, ...NETWORK_SETTINGS, 'shortcut', 'branch']);

const OPERATORS = new Set(['+', '-', '−', '*', '/', '·', 'x', '×']);
const FUNCTIONS = new Set(['min', 'max', 'floor', 'ceil']);

/** A lexing diagnostic with its convspec code (the document validator reads it). */
export interface CodedLexingDiagnostic extends LexingDiagnostic {
    readonly code: 'too-deep' | 'file-too-large';
}

interface Merge {
    readonly first: number;
    readonly last: number;
    readonly type: 'statement' | 'option';
}

/** What the scanner found: unknown words to merge, and keywords that are used as label names. */
interface Scan {
    readonly merges: readonly Merge[];
    readonly names: readonly number[];
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isLayerKeyword(word: string): word is LayerKeyword {
    return Object.hasOwn(LAYER_ARITY, word);
}

/** No tokens, one coded error: the parser then has nothing to recurse into or to spend time on. */
function refused(diagnostic: CodedLexingDiagnostic): LexerResult {
    return { tokens: [], hidden: [], errors: [], report: { diagnostics: [diagnostic] } };
}

function tooLarge(): CodedLexingDiagnostic {
    return {
        offset: 0,
        length: 0,
        line: 1,
        column: 1,
        message:
            `the file is larger than ${groupDigits(MAX_TEXT_BYTES)} bytes, the most convspec analyses: ` +
            'split it into files that import each other',
        severity: 'error',
        code: 'file-too-large'
    };
}

export class ConvspecLexer extends DefaultLexer {
    constructor(services: LangiumCoreServices) {
        super(services);
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (utf8LengthExceeds(text)) return refused(tooLarge());
        const result = super.tokenize(text, options);
        const deep = nestingTooDeep(result.tokens);
        if (deep) {
            // Refused before the parser sees it: a deep enough nesting would overflow its stack.
            const at = deep.token;
            const limit = deep.kind === 'brace' ? MAX_BRACE_DEPTH : MAX_PAREN_DEPTH;
            const what = deep.kind === 'brace' ? 'braces `{`' : 'parentheses `(`';
            const diagnostic: CodedLexingDiagnostic = {
                offset: at.startOffset,
                length: at.image.length,
                line: at.startLine ?? 1,
                column: at.startColumn ?? 1,
                message: `${what} nested more than ${limit} deep: convspec refuses the file before parsing it`,
                severity: 'error',
                code: 'too-deep'
            };
            return refused(diagnostic);
        }
        const { merges, names } = new StatementScanner(result.tokens).scan();
        for (const k of names) this.asName(result.tokens, k);
        if (merges.length === 0) return result;
        return this.merged(text, result, merges);
    }

    /**
     * A label may be any word, keywords included (`relu: relu`); where a label is
     * referenced (`add relu`, `relu.d`) the keyword is retyped as a name, so the
     * grammar needs no keyword alternatives there.
     */
    private asName(tokens: IToken[], k: number): void {
        const tokenType = this.tokenTypes['ID'] as TokenType;
        tokens[k] = { ...tokens[k], tokenType, tokenTypeIdx: tokenType.tokenTypeIdx ?? tokens[k].tokenTypeIdx };
    }

    /** The token stream with each merge replaced by one token; comments and lexing errors inside a merge go with it. */
    private merged(text: string, result: LexerResult, merges: readonly Merge[]): LexerResult {
        const tokens: IToken[] = [];
        const swallowed: [number, number][] = [];
        let next = 0;
        for (const merge of merges) {
            pushAll(tokens, result.tokens.slice(next, merge.first));
            const first = result.tokens[merge.first];
            const last = result.tokens[merge.last];
            const tokenType = this.tokenTypes[merge.type === 'statement' ? 'UNKNOWN_STATEMENT' : 'UNKNOWN_OPTION'] as TokenType;
            tokens.push({
                ...first,
                image: text.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1),
                endOffset: last.endOffset,
                endLine: last.endLine,
                endColumn: last.endColumn,
                tokenType,
                tokenTypeIdx: tokenType.tokenTypeIdx ?? first.tokenTypeIdx
            });
            swallowed.push([first.startOffset, last.endOffset ?? last.startOffset]);
            next = merge.last + 1;
        }
        pushAll(tokens, result.tokens.slice(next));
        // The merges are in file order and do not overlap: find the one that could hold `offset` by bisection.
        const inside = (offset: number) => {
            let lo = 0;
            let hi = swallowed.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (swallowed[mid][0] <= offset) lo = mid + 1;
                else hi = mid;
            }
            return lo > 0 && offset <= swallowed[lo - 1][1];
        };
        return {
            ...result,
            tokens,
            hidden: result.hidden.filter(h => !inside(h.startOffset)),
            errors: result.errors.filter(e => !inside(e.offset))
        };
    }
}

/** What opens a `{`: a body of statements, or the branches of a concat or split. */
type Context = 'top' | 'statements';

/** Reads statements at token level, just enough to know where each begins and where a layer's options are. */
class StatementScanner {
    private readonly merges: Merge[] = [];
    private readonly names: number[] = [];
    private readonly contexts: Context[] = ['top'];
    private i = 0;

    constructor(private readonly tokens: readonly IToken[]) {}

    scan(): Scan {
        while (this.i < this.tokens.length) {
            if (this.context === 'top') this.topLevel();
            else this.statement();
        }
        // `L.w`, `L.h`, `L.d` anywhere: a word before `.` can only be a label (or `in`).
        for (let k = 0; k + 2 < this.tokens.length; k++) {
            if (this.text(k + 1) === '.' && this.isKeyword(k) && this.text(k) !== 'in' && this.isWord(k + 2)) this.names.push(k);
        }
        return { merges: this.merges, names: this.names };
    }

    /** A word of the language (not an identifier token). */
    private isKeyword(k: number): boolean {
        return !this.isWord(k) && this.kind(k) !== 'LABEL' && WORD.test(this.text(k) ?? '');
    }

    /**
     * Where a statement's references start: after `add`, `route` and `multiply`
     * (unless a block call or a gate body follows) and after `concat with`; the
     * first reference on the keyword's line.
     */
    private referencesStart(head: string): number | undefined {
        const next = this.text(this.i + 1);
        const start =
            head === 'concat' ? (next === 'with' ? this.i + 2 : undefined) : next === '(' || next === '{' ? undefined : this.i + 1;
        if (start === undefined || this.line(start) !== this.line(this.i) || !WORD.test(this.text(start) ?? '')) return undefined;
        return start;
    }

    /** The references of `add a, relu crop`: each keyword among them is a label's name. */
    private references(start: number, single: boolean): void {
        let k = start;
        for (;;) {
            if (this.isKeyword(k)) this.names.push(k);
            if (single || this.text(k + 1) !== ',' || !WORD.test(this.text(k + 2) ?? '')) break;
            k += 2;
        }
        this.i = k + 1;
    }

    private get context(): Context {
        return this.contexts[this.contexts.length - 1];
    }

    private text(k = this.i): string | undefined {
        return this.tokens[k]?.image;
    }

    private kind(k = this.i): string | undefined {
        return this.tokens[k]?.tokenType.name;
    }

    private isWord(k = this.i): boolean {
        return this.kind(k) === 'ID';
    }

    private line(k: number): number {
        return this.tokens[k]?.startLine ?? 0;
    }

    /** `network N {` and `block b(…) {` open statement bodies; everything else at the top is the parser's. */
    private topLevel(): void {
        const word = this.text();
        if (word === '{') this.contexts.push('statements');
        else if (word === '}') this.close();
        this.i++;
    }

    private close(): void {
        if (this.contexts.length > 1) this.contexts.pop();
    }

    /** One statement (or a separator) in a body. */
    private statement(): void {
        const word = this.text();
        if (word === ';') {
            this.i++;
            return;
        }
        if (word === '}') {
            this.close();
            this.i++;
            return;
        }
        if (word === '{') {
            // A brace we did not expect (after a parse error): follow it.
            this.contexts.push('statements');
            this.i++;
            return;
        }
        if (this.kind() === 'LABEL') {
            // The labelled statement follows: read it as any other statement start.
            this.i++;
            return;
        }
        const head = this.text();
        if (head === undefined) return;
        if (this.isWord() && this.text(this.i + 1) !== '(') {
            this.unknownStatement();
        } else if (this.isWord()) {
            this.i++;
            this.skipBalanced('(', ')');
        } else if (isLayerKeyword(head) && (LAYER_ARITY[head] > 0 || this.text(this.i + 1) !== '(')) {
            // `conv (c+c)/4 1x1` opens with its first number; `swish(2)` calls a block named like a layer.
            this.layer(head);
        } else if (['add', 'route', 'multiply', 'concat'].includes(head) && this.referencesStart(head) !== undefined) {
            this.references(this.referencesStart(head) ?? this.i, head === 'multiply');
        } else if (OTHER_STATEMENTS.has(head)) {
            this.restOfStatement();
        } else {
            // Not the start of any statement: the parser will say so.
            this.i++;
        }
    }

    /** From the unknown word to the end of its line or `;`, or to the `}` matching a `{` it opens. */
    private unknownStatement(): void {
        const first = this.i;
        const line = this.line(first);
        let depth = 0;
        let k = first;
        while (k + 1 < this.tokens.length) {
            const next = this.text(k + 1);
            if (depth === 0 && (next === ';' || next === '}' || this.line(k + 1) !== line)) break;
            k++;
            if (next === '{') depth++;
            else if (next === '}' && --depth === 0) break;
        }
        this.merges.push({ first, last: k, type: 'statement' });
        this.i = k + 1;
    }

    /** A layer: its required values, an optional number, then its options (known, or unknown ones to merge). */
    private layer(keyword: LayerKeyword): void {
        const line = this.line(this.i);
        this.i++;
        for (let n = 0; n < LAYER_ARITY[keyword]; n++) {
            if (this.isWord() && this.text(this.i + 1) === '=' && this.line(this.i) === line) {
                // `conv 64 kernel_size=3`: PyTorch's keyword where the value belongs.
                this.unknownOption();
                continue;
            }
            if (!this.startsValue()) return;
            this.skipValue();
        }
        if (OPTIONAL_NUMBER.has(keyword) && (this.kind() === 'INT' || this.kind() === 'DECIMAL') && this.line(this.i) === line) this.i++;
        this.options(line);
    }

    private options(line: number): void {
        for (;;) {
            const word = this.text();
            if (word === undefined) return;
            const sameLine = this.line(this.i) === line;
            const written = this.text(this.i + 1) === '=';
            if ((VALUED_OPTIONS.has(word) || FLAG_OPTIONS.has(word)) && written) {
                this.unknownOption();
            } else if (VALUED_OPTIONS.has(word)) {
                this.i++;
                if (this.text() === 'same' || this.text() === 'valid') this.i++;
                else if (this.startsValue()) this.skipValue();
            } else if (FLAG_OPTIONS.has(word)) {
                // `bias on|off` is the network's setting, a statement of its own.
                if (word === 'bias' && (this.text(this.i + 1) === 'on' || this.text(this.i + 1) === 'off')) return;
                this.i++;
            } else if (sameLine && this.isWord() && this.text(this.i + 1) !== '(' && this.text(this.i + 1) !== '.') {
                this.unknownOption();
            } else {
                return;
            }
        }
    }

    /** The option word, and `= value` or a value written on its line. */
    private unknownOption(): void {
        const first = this.i;
        const line = this.line(first);
        this.i++;
        if (this.text() === '=') this.i++;
        if (this.line(this.i) === line && (this.startsValue() || this.isWord() || this.text() === 'same' || this.text() === 'valid')) {
            if (this.startsValue()) this.skipValue();
            else this.i++;
        }
        this.merges.push({ first, last: this.i - 1, type: 'option' });
    }

    /** A statement we do not look inside: up to its `{` (a body follows), `;`, `}` or the end of its line. */
    private restOfStatement(): void {
        const line = this.line(this.i);
        while (this.i < this.tokens.length) {
            const word = this.text();
            if (word === '{') {
                this.contexts.push('statements');
                this.i++;
                return;
            }
            if (word === ';' || word === '}') return;
            const continues = this.line(this.i) === line || [',', '(', ...OPERATORS].includes(this.text(this.i - 1) ?? '');
            if (!continues) return;
            if (word === '(') this.skipBalanced('(', ')');
            else this.i++;
        }
    }

    private startsValue(): boolean {
        const kind = this.kind();
        const word = this.text();
        return (
            kind === 'INT' ||
            kind === 'DECIMAL' ||
            kind === 'SIZE' ||
            kind === 'ID' ||
            word === '(' ||
            word === '-' ||
            word === '−' ||
            word === 'in' ||
            (WORD.test(word ?? '') && this.text(this.i + 1) === '.') ||
            (word !== undefined && FUNCTIONS.has(word) && this.text(this.i + 1) === '(')
        );
    }

    /** An expression or a size: primaries joined by operators (`c*4`, `(k)x(k)`, `in.d/2`, `3x3`). */
    private skipValue(): void {
        this.skipPrimary();
        while (OPERATORS.has(this.text() ?? '') && this.i + 1 < this.tokens.length) {
            this.i++;
            this.skipPrimary();
        }
    }

    private skipPrimary(): void {
        const word = this.text();
        if (word === '-' || word === '−') {
            this.i++;
            this.skipPrimary();
        } else if (word === '(') {
            this.skipBalanced('(', ')');
        } else if (word !== undefined && FUNCTIONS.has(word) && this.text(this.i + 1) === '(') {
            this.i++;
            this.skipBalanced('(', ')');
        } else if (WORD.test(word ?? '') && this.text(this.i + 1) === '.') {
            // `in.d`, `L.w`, and `relu.d` for a label named like a keyword.
            this.i = Math.min(this.i + 3, this.tokens.length);
        } else if (word !== undefined) {
            // At the end of the tokens (`e -` closing a file) there is nothing to skip: a merge must end on a token.
            this.i++;
        }
    }

    /** From an opening token to its matching closing one, inclusive. */
    private skipBalanced(open: string, close: string): void {
        if (this.text() !== open) return;
        let depth = 0;
        while (this.i < this.tokens.length) {
            const word = this.text();
            this.i++;
            if (word === open) depth++;
            else if (word === close && --depth === 0) return;
            else if (word === '{' || word === '}') {
                // An unclosed `(` does not swallow the rest of the file.
                this.i--;
                return;
            }
        }
    }
}
