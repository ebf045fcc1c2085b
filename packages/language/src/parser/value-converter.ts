import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** A label token carries its colon (`conv1:`); the label itself is the name. */
export class ConvspecValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'LABEL') return input.replace(/[ \t]*:$/, '');
        return super.runConverter(rule, input, cstNode);
    }
}
