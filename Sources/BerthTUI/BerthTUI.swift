/// Draws the wizard's screens in a terminal, with ncurses or as plain lines.
public enum BerthTUI {}
