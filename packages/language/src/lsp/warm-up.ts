import type { Model } from '../generated/ast.js';
import { analyzeModel } from '../inference/engine.js';
import type { ConvspecLspServices } from './convspec-lsp-module.js';

/**
 * Statements of most kinds, with options, structures and labels, and nothing
 * to link (a reference would need a document around it).
 */
export const WARM_UP_SAMPLE = `network WarmUp {
  input 64x64x8
  rounding floor
  bias off
  stem: conv 16 3x3 stride 2 pad 1 nobias; bn; relu
  dwconv 3x3 pad same mult 2; batchnorm; relu6
  conv 16 1x1 groups 2 bias
  maxpool 3x3 stride 2 pad 1 ceil
  avgpool 2 floor
  concat {
    branch { conv 8 1x1; leakyrelu 0.1 }
    branch { conv 8 3x3 pad 1 dilation 1; gelu }
    branch { }
  }
  residual { conv 32 3x3 pad 1; silu; conv 32 1x1 } shortcut { conv 32 1x1 }
  repeat 2 { conv 32 3x3 pad 1; sigmoid; dropout 0.2 }
  multiply { globalavgpool; conv 8 1x1; tanh; conv 32 1x1; hardsigmoid }
  split 16, 16 { branch { conv 16 1x1 } branch { shuffle 2 } }
  deconv 16 2x2 stride 2 outpad 0
  upsample 2; zeropad 1; crop 10x10
  adaptiveavgpool 2x2
  flatten
  dense 10 nobias; fc 5; softmax
}
`;

/** Parses and evaluates the sample this many times: the first runs teach the parser and the JIT the most. */
const RUNS = 3;

/**
 * The parser predicts each decision slowly the first time it meets it
 * (ALL(*) lookahead, cached per parser), and V8 runs cold code in its
 * interpreter: the first document the server sees paid for both, about half a
 * second more for a 10,000-line file than the same file a second time. The
 * server parses and evaluates a sample while it initializes, before any
 * document is opened.
 */
export function warmUp(services: ConvspecLspServices): void {
    for (let run = 0; run < RUNS; run++) {
        const result = services.parser.LangiumParser.parse<Model>(WARM_UP_SAMPLE);
        analyzeModel(result.value);
    }
}
