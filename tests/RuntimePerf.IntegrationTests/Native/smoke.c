/* Loads the packaged Windows library the way the binding does (LoadLibrary + exports by name) and parses one
   snippet per grammar; prints "<language> <root node type> <ok|error>" per line. Built with MinGW-w64, run by wine. */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint32_t context[4]; const void *id; const void *tree; } TSNode;
typedef void *(*new_parser_fn)(void);
typedef int (*set_language_fn)(void *, const void *);
typedef void *(*parse_string_fn)(void *, const void *, const char *, uint32_t);
typedef TSNode (*root_fn)(const void *);
typedef const char *(*type_fn)(TSNode);
typedef int (*has_error_fn)(TSNode);
typedef const void *(*language_fn)(void);

int main(int argc, char **argv)
{
    static const char *const snippets[][2] = {
        { "python", "def f(x):\n    return x\n" },
        { "javascript", "function f(x) { return x; }\n" },
        { "typescript", "function f(x: number): number { return x; }\n" },
        { "tsx", "const e = <div>{x}</div>;\n" },
        { "go", "package main\nfunc f(x int) int { return x }\n" },
        { "rust", "fn f(x: i32) -> i32 { x }\n" },
    };
    if (argc != 2) { fprintf(stderr, "usage: smoke <runtimeperf_treesitter.dll>\n"); return 2; }
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { fprintf(stderr, "LoadLibrary failed: %lu\n", GetLastError()); return 1; }
    new_parser_fn parser_new = (new_parser_fn)(void *)GetProcAddress(lib, "ts_parser_new");
    set_language_fn set_language = (set_language_fn)(void *)GetProcAddress(lib, "ts_parser_set_language");
    parse_string_fn parse = (parse_string_fn)(void *)GetProcAddress(lib, "ts_parser_parse_string");
    root_fn root = (root_fn)(void *)GetProcAddress(lib, "ts_tree_root_node");
    type_fn type = (type_fn)(void *)GetProcAddress(lib, "ts_node_type");
    has_error_fn has_error = (has_error_fn)(void *)GetProcAddress(lib, "ts_node_has_error");
    if (!parser_new || !set_language || !parse || !root || !type || !has_error) { fprintf(stderr, "missing ts_* export\n"); return 1; }
    for (size_t i = 0; i < sizeof snippets / sizeof snippets[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "tree_sitter_%s", snippets[i][0]);
        language_fn language = (language_fn)(void *)GetProcAddress(lib, name);
        if (!language) { printf("%s missing-export error\n", snippets[i][0]); continue; }
        void *parser = parser_new();
        if (!set_language(parser, language())) { printf("%s incompatible error\n", snippets[i][0]); continue; }
        void *tree = parse(parser, NULL, snippets[i][1], (uint32_t)strlen(snippets[i][1]));
        TSNode node = root(tree);
        printf("%s %s %s\n", snippets[i][0], type(node), has_error(node) ? "error" : "ok");
    }
    return 0;
}
