import { MAIN, PRELUDE, RUNTIME_NAMES } from './pytorch-runtime.js';

/*
 * The names a name from a `.conv` file must not become in the generated
 * module. A network becomes a module-level class there, so it must not hide
 * a builtin the runtime calls (`class print` broke `print_shapes`, `class
 * super` recursed in `super().__init__()`), a keyword, or a name the module
 * defines. Labels are never Python names — they are string keys of the
 * `saved` dictionary — and block names only appear in comments.
 */

/** `keyword.kwlist` and `keyword.softkwlist` (3.12 adds `type`). */
const KEYWORDS = [
    'False',
    'None',
    'True',
    'and',
    'as',
    'assert',
    'async',
    'await',
    'break',
    'class',
    'continue',
    'def',
    'del',
    'elif',
    'else',
    'except',
    'finally',
    'for',
    'from',
    'global',
    'if',
    'import',
    'in',
    'is',
    'lambda',
    'nonlocal',
    'not',
    'or',
    'pass',
    'raise',
    'return',
    'try',
    'while',
    'with',
    'yield',
    '_',
    'case',
    'match',
    'type'
];

/**
 * `dir(builtins)` without the dunder names (every `__…` name is renamed
 * anyway), from `python3 -c "import builtins; print([n for n in dir(builtins) if not n.startswith('__')])"`
 * on Debian's Python 3.11, plus the two 3.13 adds. test/pytorch/export-names.test.ts
 * checks that it still covers the Python the tests run.
 */
export const PYTHON_BUILTINS = [
    'ArithmeticError',
    'AssertionError',
    'AttributeError',
    'BaseException',
    'BaseExceptionGroup',
    'BlockingIOError',
    'BrokenPipeError',
    'BufferError',
    'BytesWarning',
    'ChildProcessError',
    'ConnectionAbortedError',
    'ConnectionError',
    'ConnectionRefusedError',
    'ConnectionResetError',
    'DeprecationWarning',
    'EOFError',
    'Ellipsis',
    'EncodingWarning',
    'EnvironmentError',
    'Exception',
    'ExceptionGroup',
    'False',
    'FileExistsError',
    'FileNotFoundError',
    'FloatingPointError',
    'FutureWarning',
    'GeneratorExit',
    'IOError',
    'ImportError',
    'ImportWarning',
    'IndentationError',
    'IndexError',
    'InterruptedError',
    'IsADirectoryError',
    'KeyError',
    'KeyboardInterrupt',
    'LookupError',
    'MemoryError',
    'ModuleNotFoundError',
    'NameError',
    'None',
    'NotADirectoryError',
    'NotImplemented',
    'NotImplementedError',
    'OSError',
    'OverflowError',
    'PendingDeprecationWarning',
    'PermissionError',
    'ProcessLookupError',
    'RecursionError',
    'ReferenceError',
    'ResourceWarning',
    'RuntimeError',
    'RuntimeWarning',
    'StopAsyncIteration',
    'StopIteration',
    'SyntaxError',
    'SyntaxWarning',
    'SystemError',
    'SystemExit',
    'TabError',
    'TimeoutError',
    'True',
    'TypeError',
    'UnboundLocalError',
    'UnicodeDecodeError',
    'UnicodeEncodeError',
    'UnicodeError',
    'UnicodeTranslateError',
    'UnicodeWarning',
    'UserWarning',
    'ValueError',
    'Warning',
    'ZeroDivisionError',
    'abs',
    'aiter',
    'all',
    'anext',
    'any',
    'ascii',
    'bin',
    'bool',
    'breakpoint',
    'bytearray',
    'bytes',
    'callable',
    'chr',
    'classmethod',
    'compile',
    'complex',
    'copyright',
    'credits',
    'delattr',
    'dict',
    'dir',
    'divmod',
    'enumerate',
    'eval',
    'exec',
    'exit',
    'filter',
    'float',
    'format',
    'frozenset',
    'getattr',
    'globals',
    'hasattr',
    'hash',
    'help',
    'hex',
    'id',
    'input',
    'int',
    'isinstance',
    'issubclass',
    'iter',
    'len',
    'license',
    'list',
    'locals',
    'map',
    'max',
    'memoryview',
    'min',
    'next',
    'object',
    'oct',
    'open',
    'ord',
    'pow',
    'print',
    'property',
    'quit',
    'range',
    'repr',
    'reversed',
    'round',
    'set',
    'setattr',
    'slice',
    'sorted',
    'staticmethod',
    'str',
    'sum',
    'super',
    'tuple',
    'type',
    'vars',
    'zip',
    'PythonFinalizationError',
    '_IncompleteInputError'
];

/**
 * The attributes of an `nn.Module` instance without the dunder names, from
 * `python3 -c "import torch; print(sorted(n for n in dir(torch.nn.Module()) if not n.startswith('__')))"`
 * with Debian's torch 1.13 (a superset of `dir(torch.nn.Module)`), plus what
 * the generated classes themselves set. test/pytorch/export-names.test.ts
 * checks that it still covers the torch the tests run.
 */
export const NN_MODULE_ATTRIBUTES = [
    'T_destination',
    '_apply',
    '_backward_hooks',
    '_buffers',
    '_call_impl',
    '_forward_hooks',
    '_forward_pre_hooks',
    '_get_backward_hooks',
    '_get_name',
    '_is_full_backward_hook',
    '_load_from_state_dict',
    '_load_state_dict_post_hooks',
    '_load_state_dict_pre_hooks',
    '_maybe_warn_non_full_backward_hook',
    '_modules',
    '_named_members',
    '_non_persistent_buffers_set',
    '_parameters',
    '_register_load_state_dict_pre_hook',
    '_register_state_dict_hook',
    '_replicate_for_data_parallel',
    '_save_to_state_dict',
    '_slow_forward',
    '_state_dict_hooks',
    '_version',
    'add_module',
    'apply',
    'bfloat16',
    'buffers',
    'children',
    'cpu',
    'cuda',
    'double',
    'dump_patches',
    'eval',
    'extra_repr',
    'float',
    'forward',
    'get_buffer',
    'get_extra_state',
    'get_parameter',
    'get_submodule',
    'half',
    'ipu',
    'load_state_dict',
    'modules',
    'named_buffers',
    'named_children',
    'named_modules',
    'named_parameters',
    'parameters',
    'register_backward_hook',
    'register_buffer',
    'register_forward_hook',
    'register_forward_pre_hook',
    'register_full_backward_hook',
    'register_load_state_dict_post_hook',
    'register_module',
    'register_parameter',
    'requires_grad_',
    'set_extra_state',
    'share_memory',
    'state_dict',
    'to',
    'to_empty',
    'train',
    'training',
    'type',
    'xpu',
    'zero_grad',
    // Set by the generated network classes and the runtime's modules.
    'input_shape',
    'layers',
    'convspec_flow',
    'convspec_index',
    'convspec_line'
];

/** The module-level names `code` defines: `def f`, `class C`, `import m`, `from m import a, b as c`, `X = …`. */
export function definedNames(code: string): string[] {
    const names: string[] = [];
    for (const line of code.split('\n')) {
        const definition = /^(?:def|class)\s+(\w+)/.exec(line) ?? /^(\w+)\s*(?::[^=]*)?=(?!=)/.exec(line);
        if (definition) names.push(definition[1]);
        const imported = /^(?:from\s+\S+\s+)?import\s+(.+)$/.exec(line);
        if (imported) {
            for (const part of imported[1].split(',')) {
                const [module, alias] = part.trim().split(/\s+as\s+/);
                names.push(alias ?? module.split('.')[0]);
            }
        }
    }
    return names;
}

/** Every name a `.conv` name is renamed away from. */
const RESERVED: ReadonlySet<string> = new Set([
    ...KEYWORDS,
    ...PYTHON_BUILTINS,
    ...NN_MODULE_ATTRIBUTES,
    ...RUNTIME_NAMES,
    ...definedNames(PRELUDE + MAIN)
]);

/** True when `id` would clash in the generated module: reserved, or a dunder name. */
export function isReservedPythonName(id: string): boolean {
    return RESERVED.has(id) || id.startsWith('__');
}

/**
 * A safe Python identifier for a name from a `.conv` file. Names there are
 * already `[A-Za-z_][A-Za-z0-9_]*`; anything else, or a name that would clash
 * ({@link isReservedPythonName}), gets the `fallback` prefix (`print` →
 * `Net_print`), so no file can put code into the generated module or hide
 * a name it uses.
 */
export function pythonIdentifier(name: string, fallback: string): string {
    let id = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(id)) id = `${fallback}_${id}`;
    if (id === '' || isReservedPythonName(id)) id = `${fallback}_${id}`;
    return id;
}

/** Text safe inside a single-line `#` comment. */
export function commentText(text: string): string {
    // Control characters and line separators would end the comment and start code.
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
