import { SparkConnectClientError } from "./errors.ts";

/** Spark SQL data types, as plain immutable values (`{ kind: "long" }`, `{ kind: "array", … }`). */
export type AtomicType =
  | { kind: "null" }
  | { kind: "binary" }
  | { kind: "boolean" }
  | { kind: "byte" }
  | { kind: "short" }
  | { kind: "integer" }
  | { kind: "long" }
  | { kind: "float" }
  | { kind: "double" }
  | { kind: "string" }
  | { kind: "date" }
  | { kind: "timestamp" }
  | { kind: "timestamp_ntz" }
  | { kind: "calendar_interval" }
  | { kind: "year_month_interval" }
  | { kind: "day_time_interval" }
  | { kind: "variant" }
  | { kind: "decimal"; precision: number; scale: number }
  | { kind: "char"; length: number }
  | { kind: "varchar"; length: number };

export interface ArrayType {
  kind: "array";
  elementType: DataType;
  containsNull: boolean;
}
export interface MapType {
  kind: "map";
  keyType: DataType;
  valueType: DataType;
  valueContainsNull: boolean;
}
export interface StructField {
  name: string;
  dataType: DataType;
  nullable: boolean;
  /** Spark's field metadata as JSON, when any. */
  metadata?: string | undefined;
}
export interface StructType {
  kind: "struct";
  fields: StructField[];
}
export type DataType = AtomicType | ArrayType | MapType | StructType;

const numericKinds = new Set(["byte", "short", "integer", "long", "float", "double", "decimal"]);

/** Whether the type is one of PySpark's `NumericType`s (the integers, floats and decimals). */
export function isNumeric(type: DataType): boolean {
  return numericKinds.has(type.kind);
}

/** Constructors named after PySpark's types: `T.long()`, `T.array(T.string())`, `T.struct([...])`. */
export const T = {
  null: (): DataType => ({ kind: "null" }),
  binary: (): DataType => ({ kind: "binary" }),
  boolean: (): DataType => ({ kind: "boolean" }),
  byte: (): DataType => ({ kind: "byte" }),
  short: (): DataType => ({ kind: "short" }),
  integer: (): DataType => ({ kind: "integer" }),
  long: (): DataType => ({ kind: "long" }),
  float: (): DataType => ({ kind: "float" }),
  double: (): DataType => ({ kind: "double" }),
  string: (): DataType => ({ kind: "string" }),
  date: (): DataType => ({ kind: "date" }),
  timestamp: (): DataType => ({ kind: "timestamp" }),
  timestampNtz: (): DataType => ({ kind: "timestamp_ntz" }),
  decimal: (precision = 10, scale = 0): DataType => ({ kind: "decimal", precision, scale }),
  array: (elementType: DataType, containsNull = true): ArrayType => ({
    kind: "array",
    elementType,
    containsNull,
  }),
  map: (keyType: DataType, valueType: DataType, valueContainsNull = true): MapType => ({
    kind: "map",
    keyType,
    valueType,
    valueContainsNull,
  }),
  field: (name: string, dataType: DataType, nullable = true): StructField => ({ name, dataType, nullable }),
  struct: (fields: StructField[]): StructType => ({ kind: "struct", fields }),
};

const simpleNames: Record<AtomicType["kind"], string> = {
  null: "void",
  binary: "binary",
  boolean: "boolean",
  byte: "tinyint",
  short: "smallint",
  integer: "int",
  long: "bigint",
  float: "float",
  double: "double",
  string: "string",
  date: "date",
  timestamp: "timestamp",
  timestamp_ntz: "timestamp_ntz",
  calendar_interval: "interval",
  year_month_interval: "interval year to month",
  day_time_interval: "interval day to second",
  variant: "variant",
  decimal: "decimal",
  char: "char",
  varchar: "varchar",
};

/** Spark's `simpleString`: `bigint`, `array<string>`, `struct<a:int,b:string>`, `decimal(10,2)`. */
export function simpleString(type: DataType): string {
  switch (type.kind) {
    case "array":
      return `array<${simpleString(type.elementType)}>`;
    case "map":
      return `map<${simpleString(type.keyType)},${simpleString(type.valueType)}>`;
    case "struct":
      return `struct<${type.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(",")}>`;
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "char":
    case "varchar":
      return `${type.kind}(${type.length})`;
    default:
      return simpleNames[type.kind];
  }
}

/** The DDL form Spark parses back: `a BIGINT, b ARRAY<STRING>`. */
export function toDDL(schema: StructType): string {
  return schema.fields
    .map(
      (f) =>
        `${quoteIdentifier(f.name)} ${simpleString(f.dataType).toUpperCase()}${f.nullable ? "" : " NOT NULL"}`,
    )
    .join(", ");
}

function quoteIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replaceAll("`", "``")}\``;
}

/** PySpark's `printSchema()` text. */
export function treeString(schema: StructType): string {
  const lines = ["root"];
  const walk = (type: DataType, prefix: string) => {
    if (type.kind === "struct") {
      for (const f of type.fields) {
        lines.push(`${prefix} |-- ${f.name}: ${typeLabel(f.dataType)} (nullable = ${f.nullable})`);
        walk(f.dataType, `${prefix} |   `);
      }
    } else if (type.kind === "array") {
      lines.push(
        `${prefix} |-- element: ${typeLabel(type.elementType)} (containsNull = ${type.containsNull})`,
      );
      walk(type.elementType, `${prefix} |   `);
    } else if (type.kind === "map") {
      lines.push(`${prefix} |-- key: ${typeLabel(type.keyType)}`);
      walk(type.keyType, `${prefix} |   `);
      lines.push(
        `${prefix} |-- value: ${typeLabel(type.valueType)} (valueContainsNull = ${type.valueContainsNull})`,
      );
      walk(type.valueType, `${prefix} |   `);
    }
  };
  walk(schema, "");
  return `${lines.join("\n")}\n`;
}

/** Spark's `typeName`, which printSchema shows: `long`, `integer`, `decimal(10,2)`. */
function typeLabel(type: DataType): string {
  switch (type.kind) {
    case "long":
    case "integer":
    case "short":
    case "byte":
    case "array":
    case "map":
    case "struct":
      return type.kind;
    default:
      return simpleString(type);
  }
}

const ddlAtomic: Record<string, AtomicType> = {
  void: { kind: "null" },
  null: { kind: "null" },
  binary: { kind: "binary" },
  boolean: { kind: "boolean" },
  bool: { kind: "boolean" },
  tinyint: { kind: "byte" },
  byte: { kind: "byte" },
  smallint: { kind: "short" },
  short: { kind: "short" },
  int: { kind: "integer" },
  integer: { kind: "integer" },
  bigint: { kind: "long" },
  long: { kind: "long" },
  float: { kind: "float" },
  real: { kind: "float" },
  double: { kind: "double" },
  string: { kind: "string" },
  date: { kind: "date" },
  timestamp: { kind: "timestamp" },
  timestamp_ltz: { kind: "timestamp" },
  timestamp_ntz: { kind: "timestamp_ntz" },
  interval: { kind: "calendar_interval" },
  variant: { kind: "variant" },
};

/**
 * Parses a DDL schema (`"ts TIMESTAMP, service STRING, tags ARRAY<STRING>"`) or a single type
 * (`"map<string,int>"`) the way Spark does, for the types this client maps to Arrow.
 */
export function parseDDL(ddl: string): StructType {
  const parser = new DDLParser(ddl);
  const schema = parser.fieldList(undefined);
  parser.expectEnd();
  return schema;
}

/** Parses one data type in DDL form: `bigint`, `array<struct<a:int>>`, `decimal(10,2)`. */
export function parseDataType(text: string): DataType {
  const parser = new DDLParser(text);
  const type = parser.dataType();
  parser.expectEnd();
  return type;
}

class DDLParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  fieldList(closing: ">" | undefined): StructType {
    const fields: StructField[] = [];
    this.skipSpace();
    if (closing !== undefined && this.peek() === closing) return T.struct(fields);
    for (;;) {
      const name = this.identifier();
      this.skipSpace();
      if (this.peek() === ":") this.pos++;
      const dataType = this.dataType();
      let nullable = true;
      if (this.keyword("not")) {
        if (!this.keyword("null")) this.fail("expected NULL after NOT");
        nullable = false;
      }
      if (this.keyword("comment")) this.quoted();
      fields.push({ name, dataType, nullable });
      this.skipSpace();
      if (this.peek() !== ",") return T.struct(fields);
      this.pos++;
    }
  }

  dataType(): DataType {
    const word = this.identifier().toLowerCase();
    switch (word) {
      case "array": {
        this.expect("<");
        const element = this.dataType();
        this.expect(">");
        return T.array(element);
      }
      case "map": {
        this.expect("<");
        const key = this.dataType();
        this.expect(",");
        const value = this.dataType();
        this.expect(">");
        return T.map(key, value);
      }
      case "struct": {
        this.expect("<");
        const struct = this.fieldList(">");
        this.expect(">");
        return struct;
      }
      case "decimal":
      case "dec":
      case "numeric": {
        const [precision = 10, scale = 0] = this.numberArgs();
        return T.decimal(precision, scale);
      }
      case "char":
      case "character":
      case "varchar": {
        const [length] = this.numberArgs();
        if (length === undefined) this.fail(`${word} needs a length, e.g. ${word}(10)`);
        return { kind: word === "varchar" ? "varchar" : "char", length };
      }
      default: {
        const atomic = ddlAtomic[word];
        if (atomic === undefined) this.fail(`unknown data type "${word}"`);
        return atomic;
      }
    }
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos)}"`);
  }

  private numberArgs(): number[] {
    this.skipSpace();
    if (this.peek() !== "(") return [];
    this.pos++;
    const values: number[] = [];
    for (;;) {
      this.skipSpace();
      const match = /^\d+/.exec(this.text.slice(this.pos));
      if (!match) this.fail("expected a number");
      values.push(Number(match[0]));
      this.pos += match[0].length;
      this.skipSpace();
      if (this.peek() === ")") {
        this.pos++;
        return values;
      }
      this.expect(",");
    }
  }

  private identifier(): string {
    this.skipSpace();
    if (this.peek() === "`") {
      let name = "";
      this.pos++;
      while (this.pos < this.text.length) {
        const ch = this.text[this.pos++];
        if (ch === "`") {
          if (this.peek() !== "`") return name;
          this.pos++;
        }
        name += ch;
      }
      this.fail("unclosed `");
    }
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail("expected a name");
    this.pos += match[0].length;
    return match[0];
  }

  private keyword(word: string): boolean {
    this.skipSpace();
    const next = this.text.slice(this.pos, this.pos + word.length);
    const after = this.text[this.pos + word.length];
    if (next.toLowerCase() === word && (after === undefined || !/[A-Za-z0-9_]/.test(after))) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private quoted(): string {
    this.skipSpace();
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') this.fail("expected a quoted string");
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end === -1) this.fail("unclosed string");
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private fail(problem: string): never {
    throw new SparkConnectClientError(
      `Cannot parse schema "${this.text}" at position ${this.pos}: ${problem}`,
    );
  }
}
