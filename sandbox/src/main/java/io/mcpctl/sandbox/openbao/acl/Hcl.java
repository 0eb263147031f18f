package io.mcpctl.sandbox.openbao.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader for the part of HCL1 (and its JSON form) that ACL policies use: items made of keys and a
 * value, nested objects, lists, strings, numbers, booleans and {@code #}, {@code //} and {@code /*
 * *}{@code /} comments. Errors read like HCL's own: {@code At line:column: message}.
 */
final class Hcl {

  sealed interface Value permits Text, Number, Bool, ListValue, ObjectValue {}

  record Text(String value) implements Value {}

  record Number(String literal) implements Value {}

  record Bool(boolean value) implements Value {}

  record ListValue(List<Value> elements) implements Value {}

  record ObjectValue(List<Item> items) implements Value {}

  record Item(List<String> keys, Value value, int line) {}

  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(int line, int column, String message) {
      super("At " + line + ":" + column + ": " + message);
    }
  }

  private enum Kind {
    IDENT,
    STRING,
    NUMBER,
    EQUALS,
    COLON,
    COMMA,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    END
  }

  private record Token(Kind kind, String text, int line, int column) {}

  private final List<Token> tokens;
  private int position;

  private Hcl(List<Token> tokens) {
    this.tokens = tokens;
  }

  static ObjectValue parse(String source) throws SyntaxError {
    Hcl parser = new Hcl(new Lexer(source).tokens());
    ObjectValue root;
    if (parser.peek().kind == Kind.LBRACE) {
      root = parser.object();
    } else {
      root = new ObjectValue(parser.items(false));
    }
    Token trailing = parser.peek();
    if (trailing.kind != Kind.END) {
      throw parser.unexpected(trailing, "EOF");
    }
    return root;
  }

  private List<Item> items(boolean nested) throws SyntaxError {
    List<Item> items = new ArrayList<>();
    while (true) {
      while (peek().kind == Kind.COMMA) {
        position++;
      }
      Token next = peek();
      if (next.kind == Kind.END && !nested) {
        return items;
      }
      if (next.kind == Kind.RBRACE && nested) {
        return items;
      }
      List<String> keys = new ArrayList<>();
      int line = next.line;
      while (peek().kind == Kind.IDENT || peek().kind == Kind.STRING) {
        keys.add(take().text);
      }
      if (keys.isEmpty()) {
        throw unexpected(peek(), "IDENT | STRING");
      }
      Token separator = peek();
      Value value;
      if (separator.kind == Kind.EQUALS || separator.kind == Kind.COLON) {
        position++;
        value = value();
      } else if (separator.kind == Kind.LBRACE) {
        value = object();
      } else {
        throw unexpected(separator, "ASSIGN | LBRACE");
      }
      items.add(new Item(keys, value, line));
    }
  }

  private Value value() throws SyntaxError {
    Token token = take();
    switch (token.kind) {
      case STRING:
        return new Text(token.text);
      case NUMBER:
        return new Number(token.text);
      case IDENT:
        if (token.text.equals("true") || token.text.equals("false")) {
          return new Bool(Boolean.parseBoolean(token.text));
        }
        throw unexpected(token, "value");
      case LBRACKET:
        return list();
      case LBRACE:
        position--;
        return object();
      default:
        throw unexpected(token, "value");
    }
  }

  private ListValue list() throws SyntaxError {
    List<Value> elements = new ArrayList<>();
    while (true) {
      if (peek().kind == Kind.RBRACKET) {
        position++;
        return new ListValue(elements);
      }
      elements.add(value());
      Token after = peek();
      if (after.kind == Kind.COMMA) {
        position++;
      } else if (after.kind != Kind.RBRACKET) {
        throw unexpected(after, "COMMA | RBRACK");
      }
    }
  }

  private ObjectValue object() throws SyntaxError {
    Token open = take();
    if (open.kind != Kind.LBRACE) {
      throw unexpected(open, "LBRACE");
    }
    List<Item> items = items(true);
    take();
    return new ObjectValue(items);
  }

  private Token peek() {
    return tokens.get(position);
  }

  private Token take() {
    Token token = tokens.get(position);
    if (token.kind != Kind.END) {
      position++;
    }
    return token;
  }

  private SyntaxError unexpected(Token token, String expected) {
    String got = token.kind == Kind.END ? "EOF" : token.kind.name();
    return new SyntaxError(token.line, token.column, "expected: " + expected + " got: " + got);
  }

  private static final class Lexer {
    private final String source;
    private int index;
    private int line = 1;
    private int column = 1;

    Lexer(String source) {
      this.source = source;
    }

    List<Token> tokens() throws SyntaxError {
      List<Token> tokens = new ArrayList<>();
      while (true) {
        skipSpaceAndComments();
        if (index >= source.length()) {
          tokens.add(new Token(Kind.END, "", line, column));
          return tokens;
        }
        int startLine = line;
        int startColumn = column;
        char c = source.charAt(index);
        Kind single =
            switch (c) {
              case '=' -> Kind.EQUALS;
              case ':' -> Kind.COLON;
              case ',' -> Kind.COMMA;
              case '{' -> Kind.LBRACE;
              case '}' -> Kind.RBRACE;
              case '[' -> Kind.LBRACKET;
              case ']' -> Kind.RBRACKET;
              default -> null;
            };
        if (single != null) {
          advance();
          tokens.add(new Token(single, String.valueOf(c), startLine, startColumn));
        } else if (c == '"') {
          tokens.add(new Token(Kind.STRING, string(), startLine, startColumn));
        } else if (c == '-' || Character.isDigit(c)) {
          tokens.add(new Token(Kind.NUMBER, number(), startLine, startColumn));
        } else if (Character.isLetter(c) || c == '_') {
          tokens.add(new Token(Kind.IDENT, identifier(), startLine, startColumn));
        } else {
          throw new SyntaxError(startLine, startColumn, "illegal char");
        }
      }
    }

    private void skipSpaceAndComments() throws SyntaxError {
      while (index < source.length()) {
        char c = source.charAt(index);
        if (Character.isWhitespace(c)) {
          advance();
        } else if (c == '#' || source.startsWith("//", index)) {
          while (index < source.length() && source.charAt(index) != '\n') {
            advance();
          }
        } else if (source.startsWith("/*", index)) {
          int startLine = line;
          int startColumn = column;
          advance();
          advance();
          while (index < source.length() && !source.startsWith("*/", index)) {
            advance();
          }
          if (index >= source.length()) {
            throw new SyntaxError(startLine, startColumn, "comment not terminated");
          }
          advance();
          advance();
        } else {
          return;
        }
      }
    }

    private String string() throws SyntaxError {
      int startLine = line;
      int startColumn = column;
      advance();
      StringBuilder text = new StringBuilder();
      while (true) {
        if (index >= source.length() || source.charAt(index) == '\n') {
          throw new SyntaxError(startLine, startColumn, "literal not terminated");
        }
        char c = source.charAt(index);
        advance();
        if (c == '"') {
          return text.toString();
        }
        if (c != '\\') {
          text.append(c);
          continue;
        }
        if (index >= source.length()) {
          throw new SyntaxError(startLine, startColumn, "literal not terminated");
        }
        char escaped = source.charAt(index);
        advance();
        switch (escaped) {
          case 'n' -> text.append('\n');
          case 't' -> text.append('\t');
          case 'r' -> text.append('\r');
          case '"' -> text.append('"');
          case '\\' -> text.append('\\');
          case '/' -> text.append('/');
          case 'u' -> {
            if (index + 4 > source.length()) {
              throw new SyntaxError(line, column, "illegal char escape");
            }
            text.append((char) Integer.parseInt(source.substring(index, index + 4), 16));
            for (int i = 0; i < 4; i++) {
              advance();
            }
          }
          default -> throw new SyntaxError(line, column, "illegal char escape");
        }
      }
    }

    private String number() {
      int start = index;
      advance();
      while (index < source.length()
          && (Character.isDigit(source.charAt(index))
              || ".eE+-".indexOf(source.charAt(index)) >= 0)) {
        advance();
      }
      return source.substring(start, index);
    }

    private String identifier() {
      int start = index;
      while (index < source.length()) {
        char c = source.charAt(index);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
          advance();
        } else {
          break;
        }
      }
      return source.substring(start, index);
    }

    private void advance() {
      if (source.charAt(index) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      index++;
    }
  }
}
