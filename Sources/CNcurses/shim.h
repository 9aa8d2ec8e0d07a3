#ifndef BERTH_CNCURSES_SHIM_H
#define BERTH_CNCURSES_SHIM_H

// The wide-character API (get_wch, mvwaddnwstr, cchar_t) is only declared when
// this is set before the first ncurses include.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Attribute macros are function-like (NCURSES_BITS), so Swift cannot see them.
static inline attr_t berth_attr_bold(void) { return A_BOLD; }
static inline attr_t berth_attr_dim(void) { return A_DIM; }
static inline attr_t berth_attr_reverse(void) { return A_REVERSE; }
static inline attr_t berth_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t berth_attr_normal(void) { return A_NORMAL; }
static inline attr_t berth_color_pair(short pair) { return (attr_t)COLOR_PAIR(pair); }

static inline int berth_key_resize(void) { return KEY_RESIZE; }
static inline int berth_key_code_yes(void) { return KEY_CODE_YES; }

static inline int berth_wcwidth(wchar_t c) { return wcwidth(c); }
static inline const char *berth_setlocale_all(void) { return setlocale(LC_ALL, ""); }

#endif
