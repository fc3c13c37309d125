package com.bank.gdw.loader.stream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strings a regular expression matches, for telling whether two file-name patterns can claim the same name (each
 * one's samples tried against the other). Not exact, as an automaton intersection would be, but it covers what a
 * file-name pattern is made of: every member of each character class and every branch of each alternation appears at
 * every place, repetitions at their fewest and a few more, over printable ASCII. The Java syntax taken: literals,
 * escapes, \Q..\E, classes with ranges and negation, \d \w \s and their negations, '.', groups (capturing, named,
 * non-capturing, atomic), alternation, greedy, lazy and possessive quantifiers, ^ and $. Anything else (look-around,
 * back-references, flags, \p{..}, class intersections) is refused with an IllegalArgumentException.
 */
public final class RegexSample {

    private static final int MORE = 3;
    private static final char FIRST = ' ';
    private static final char LAST = '~';

    private final String regex;
    private int pos;

    private RegexSample(String regex) {
        this.regex = regex;
    }

    /** Up to {@code limit} distinct strings the whole of {@code regex} matches (fewer when it matches fewer). */
    public static List<String> of(String regex, int limit) {
        Node root = new RegexSample(regex).parseAll();
        Pattern check = Pattern.compile(regex);
        Set<String> out = new LinkedHashSet<>();
        // first each choice's options in turn (sample i takes option i + k of choice point k), then random ones
        for (int i = 0; i < limit && out.size() < limit; i++) {
            int sample = i;
            int[] point = {0};
            StringBuilder sb = new StringBuilder();
            root.emit(sb, n -> Math.floorMod(sample + point[0]++, n));
            out.add(sb.toString());
        }
        Random random = new Random(regex.hashCode());
        for (int i = 0; i < limit && out.size() < limit; i++) {
            StringBuilder sb = new StringBuilder();
            root.emit(sb, random::nextInt);
            out.add(sb.toString());
        }
        // the parser's reading of the syntax is checked by Java's own
        return out.stream().filter(s -> check.matcher(s).matches()).limit(limit).toList();
    }

    /** Picks one of n options at a choice point. */
    private interface Chooser {
        int pick(int n);
    }

    private interface Node {
        void emit(StringBuilder sb, Chooser c);
    }

    private record Chars(List<Character> options) implements Node {
        public void emit(StringBuilder sb, Chooser c) {
            sb.append(options.size() == 1 ? options.get(0) : options.get(c.pick(options.size())));
        }
    }

    private record Seq(List<Node> parts) implements Node {
        public void emit(StringBuilder sb, Chooser c) {
            parts.forEach(p -> p.emit(sb, c));
        }
    }

    private record Alt(List<Node> branches) implements Node {
        public void emit(StringBuilder sb, Chooser c) {
            branches.get(branches.size() == 1 ? 0 : c.pick(branches.size())).emit(sb, c);
        }
    }

    private record Repeat(Node node, List<Integer> counts) implements Node {
        public void emit(StringBuilder sb, Chooser c) {
            int n = counts.size() == 1 ? counts.get(0) : counts.get(c.pick(counts.size()));
            for (int i = 0; i < n; i++) {
                node.emit(sb, c);
            }
        }
    }

    private Node parseAll() {
        Node n = alternation();
        if (pos < regex.length()) {
            throw unsupported("an unmatched )");
        }
        return n;
    }

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alt(branches);
    }

    private Node sequence() {
        List<Node> parts = new ArrayList<>();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Node atom = atom();
            if (atom != null) {
                parts.add(quantified(atom));
            }
        }
        return new Seq(parts);
    }

    private Node atom() {
        char ch = regex.charAt(pos++);
        switch (ch) {
            case '^', '$':
                return null;
            case '.':
                return new Chars(range(FIRST, LAST));
            case '[':
                return new Chars(charClass());
            case '(':
                return group();
            case '\\':
                return escape();
            case '*', '+', '?', '{':
                throw unsupported("a quantifier with nothing before it");
            default:
                return new Chars(List.of(ch));
        }
    }

    private Node group() {
        if (regex.startsWith("?:", pos) || regex.startsWith("?>", pos)) {
            pos += 2;
        } else if (regex.startsWith("?<", pos) && pos + 2 < regex.length() && Character.isLetter(regex.charAt(pos + 2))) {
            int close = regex.indexOf('>', pos);
            if (close < 0) {
                throw unsupported("an unclosed group name");
            }
            pos = close + 1;
        } else if (regex.startsWith("?", pos)) {
            throw unsupported("(" + regex.substring(pos, Math.min(regex.length(), pos + 3)) + " (look-around or flags)");
        }
        Node inner = alternation();
        if (pos >= regex.length() || regex.charAt(pos) != ')') {
            throw unsupported("an unclosed group");
        }
        pos++;
        return inner;
    }

    private Node escape() {
        if (pos >= regex.length()) {
            throw unsupported("a trailing backslash");
        }
        char e = regex.charAt(pos++);
        if (e == 'Q') {
            int end = regex.indexOf("\\E", pos);
            String quoted = end < 0 ? regex.substring(pos) : regex.substring(pos, end);
            pos = end < 0 ? regex.length() : end + 2;
            List<Node> chars = new ArrayList<>();
            quoted.chars().forEach(c -> chars.add(new Chars(List.of((char) c))));
            return new Seq(chars);
        }
        List<Character> set = escapedSet(e);
        return new Chars(set);
    }

    /** The characters of an escape outside or inside a class. */
    private List<Character> escapedSet(char e) {
        switch (e) {
            case 'd':
                return range('0', '9');
            case 'D':
                return complement(range('0', '9'));
            case 'w':
                return word();
            case 'W':
                return complement(word());
            case 's':
                return List.of(' ', '\t');
            case 'S':
                return complement(List.of(' ', '\t'));
            case 't':
                return List.of('\t');
            default:
                if (Character.isLetterOrDigit(e)) {
                    throw unsupported("\\" + e);
                }
                return List.of(e);
        }
    }

    private List<Character> charClass() {
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        Set<Character> members = new LinkedHashSet<>();
        boolean first = true;
        while (true) {
            if (pos >= regex.length()) {
                throw unsupported("an unclosed character class");
            }
            char ch = regex.charAt(pos++);
            if (ch == ']' && !first) {
                break;
            }
            first = false;
            if (ch == '[' || (ch == '&' && pos < regex.length() && regex.charAt(pos) == '&')) {
                throw unsupported("a class within a class or an intersection");
            }
            List<Character> single;
            if (ch == '\\') {
                if (pos >= regex.length()) {
                    throw unsupported("a trailing backslash");
                }
                single = escapedSet(regex.charAt(pos++));
            } else {
                single = List.of(ch);
            }
            if (single.size() == 1 && pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                pos++;
                char to = regex.charAt(pos++);
                if (to == '\\') {
                    List<Character> end = escapedSet(regex.charAt(pos++));
                    if (end.size() != 1) {
                        throw unsupported("a range ending in a class");
                    }
                    to = end.get(0);
                }
                members.addAll(range(single.get(0), to));
            } else {
                members.addAll(single);
            }
        }
        List<Character> list = new ArrayList<>(members);
        List<Character> result = negated ? complement(list) : list;
        if (result.isEmpty()) {
            throw unsupported("a class that matches no printable character");
        }
        return result;
    }

    private Node quantified(Node atom) {
        if (pos >= regex.length()) {
            return atom;
        }
        char q = regex.charAt(pos);
        int min;
        int max;
        if (q == '*' || q == '+' || q == '?') {
            pos++;
            min = q == '+' ? 1 : 0;
            max = q == '?' ? 1 : Integer.MAX_VALUE;
        } else if (q == '{') {
            int close = regex.indexOf('}', pos);
            if (close < 0) {
                throw unsupported("an unclosed {");
            }
            String[] bounds = regex.substring(pos + 1, close).split(",", -1);
            try {
                min = Integer.parseInt(bounds[0].trim());
                max = bounds.length == 1 ? min : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].trim());
            } catch (NumberFormatException e) {
                throw unsupported("{" + regex.substring(pos + 1, close) + "}");
            }
            pos = close + 1;
        } else {
            return atom;
        }
        // lazy and possessive forms match the same strings here: the whole name must match
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++;
        }
        Set<Integer> counts = new LinkedHashSet<>();
        for (int n = min; n <= max && n <= min + MORE; n++) {
            counts.add(n);
        }
        if (max != Integer.MAX_VALUE) {
            counts.add(max);
        }
        return new Repeat(atom, new ArrayList<>(counts));
    }

    private static List<Character> range(char from, char to) {
        List<Character> out = new ArrayList<>();
        for (char c = from; c <= to; c++) {
            out.add(c);
        }
        return out;
    }

    private static List<Character> word() {
        List<Character> w = new ArrayList<>(range('a', 'z'));
        w.addAll(range('A', 'Z'));
        w.addAll(range('0', '9'));
        w.add('_');
        return w;
    }

    private static List<Character> complement(List<Character> of) {
        return range(FIRST, LAST).stream().filter(c -> !of.contains(c)).toList();
    }

    private IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("cannot sample the pattern " + regex + ": " + what + " at " + pos);
    }
}
