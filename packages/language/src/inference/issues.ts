import type { AstNode } from 'langium';
import type { BlockCall } from '../generated/ast.js';
import type { IssueCode, Severity } from '../validation/codes.js';

/**
 * A problem found while evaluating. The engine only says which nodes are at
 * fault; turning nodes into ranges is the validator's job.
 */
export interface InferenceIssue {
    readonly code: IssueCode;
    readonly severity: Severity;
    /** The nodes whose text is at fault; the diagnostic covers all of them. */
    readonly nodes: readonly AstNode[];
    /** When `nodes` is a single node, narrow to one of its properties. */
    readonly property?: string;
    readonly message: string;
    /** The block calls that led here, outermost first (empty at network level). */
    readonly callPath: readonly BlockCall[];
    /** Whatever a quick fix needs, computed once here. */
    readonly data?: Record<string, unknown>;
}

export class IssueSink {
    private readonly seen = new Set<string>();
    private readonly ids = new WeakMap<AstNode, number>();
    private nextId = 1;
    readonly issues: InferenceIssue[] = [];

    report(issue: InferenceIssue): void {
        // A block body or a repeat runs many times; say each distinct thing once.
        const key = `${issue.code}|${issue.message}|${issue.nodes.map(n => this.idOf(n)).join(',')}|${issue.property ?? ''}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        this.issues.push(issue);
    }

    private idOf(node: AstNode): number {
        let id = this.ids.get(node);
        if (id === undefined) this.ids.set(node, id = this.nextId++);
        return id;
    }
}
