import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * A label token carries its colon (`conv1:`); the label itself is the name.
 * Integers stay text (Langium would make `INT` a double): a literal past 2^53
 * must be reported as written, not rounded. Strings (import paths) are
 * taken literally.
 */
export class ConvspecValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'LABEL') return input.replace(/[ \t]*:$/, '');
        if (rule.name === 'INT') return input;
        // A path is the text between the quotes, as written: no escapes (`\n` is a backslash and an n, never a newline).
        if (rule.name === 'STRING') return input.slice(1, -1);
        return super.runConverter(rule, input, cstNode);
    }
}
