import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

export const functionPrograms = group("functions", [
  {
    name: "string-case-length-concat",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          F.upper("service").alias("u"),
          F.lower("level").alias("l"),
          F.length("service").alias("n"),
          F.concat_ws("/", col("service"), col("level")).alias("path"),
          F.concat(col("service"), lit("-"), col("id")).alias("c"),
        ),
    py: `spark.table("logs").select(F.upper("service").alias("u"), F.lower("level").alias("l"), F.length("service").alias("n"), F.concat_ws("/", F.col("service"), F.col("level")).alias("path"), F.concat(F.col("service"), F.lit("-"), F.col("id")).alias("c"))`,
  },
  {
    name: "string-substring-pad-trim",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          F.substring("service", 2, 3).alias("sub"),
          F.lpad("service", 8, "*").alias("lp"),
          F.rpad("level", 6, ".").alias("rp"),
          F.trim(lit("  x  ")).alias("t"),
          F.ltrim(lit("  x")).alias("lt"),
          F.rtrim(lit("x  ")).alias("rt"),
        ),
    py: `spark.table("logs").select(F.substring("service", 2, 3).alias("sub"), F.lpad("service", 8, "*").alias("lp"), F.rpad("level", 6, ".").alias("rp"), F.trim(F.lit("  x  ")).alias("t"), F.ltrim(F.lit("  x")).alias("lt"), F.rtrim(F.lit("x  ")).alias("rt"))`,
  },
  {
    name: "string-regexp",
    ts: (spark) =>
      spark
        .table("events")
        .select(
          col("id"),
          F.regexp_extract("body", '"user": "(\\w+)"', 1).alias("user"),
          F.regexp_replace("body", "[0-9]", "#").alias("masked"),
          F.regexp_like("body", "^\\{").alias("obj"),
        ),
    py: `spark.table("events").select(F.col("id"), F.regexp_extract("body", '"user": "(\\\\w+)"', 1).alias("user"), F.regexp_replace("body", "[0-9]", "#").alias("masked"), F.regexp_like(F.col("body"), F.lit("^\\\\{")).alias("obj"))`,
  },
  {
    name: "string-split-instr-format",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          F.split(F.concat_ws(",", col("service"), col("level")), ",").alias("parts"),
          F.instr("service", "i").alias("at"),
          F.format_string("%s:%05d", col("level"), col("latency")).alias("f"),
        ),
    py: `spark.table("logs").select(F.split(F.concat_ws(",", F.col("service"), F.col("level")), ",").alias("parts"), F.instr("service", "i").alias("at"), F.format_string("%s:%05d", F.col("level"), F.col("latency")).alias("f"))`,
  },
  {
    name: "string-hashes-and-encodings",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          F.md5("level").alias("md5"),
          F.sha2("level", 256).alias("sha"),
          F.base64(F.encode("level", "UTF-8")).alias("b64"),
          F.decode(F.encode("level", "UTF-8"), "UTF-8").alias("back"),
        ),
    py: `spark.table("logs").select(F.md5("level").alias("md5"), F.sha2("level", 256).alias("sha"), F.base64(F.encode("level", "UTF-8")).alias("b64"), F.decode(F.encode("level", "UTF-8"), "UTF-8").alias("back"))`,
  },
  {
    name: "string-predicates",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          col("service").like("a%").alias("like"),
          col("service").rlike("^b.*g$").alias("rlike"),
          col("service").startsWith("au").alias("sw"),
          col("service").endsWith("ing").alias("ew"),
          col("service").contains("il").alias("c"),
          col("level").isin("INFO", "WARN").alias("in"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.col("service").like("a%").alias("like"), F.col("service").rlike("^b.*g$").alias("rlike"), F.col("service").startswith("au").alias("sw"), F.col("service").endswith("ing").alias("ew"), F.col("service").contains("il").alias("c"), F.col("level").isin("INFO", "WARN").alias("in"))`,
  },
  {
    name: "math-rounding",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.round("score", 1).alias("r"),
          F.bround("score", 0).alias("br"),
          F.floor("score").alias("fl"),
          F.ceil("score").alias("ce"),
          F.round("price", 1).alias("rp"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.round("score", 1).alias("r"), F.bround("score", 0).alias("br"), F.floor("score").alias("fl"), F.ceil("score").alias("ce"), F.round("price", 1).alias("rp"))`,
  },
  {
    name: "math-exp-log-pow",
    ts: (spark) =>
      spark
        .table("logs")
        .where("latency IS NOT NULL")
        .select(
          col("id"),
          F.sqrt("latency").alias("sq"),
          F.exp(lit(1)).alias("e"),
          F.log(col("latency")).alias("ln"),
          F.log10("latency").alias("lg"),
          F.pow("latency", 2).alias("p"),
        ),
    py: `spark.table("logs").where("latency IS NOT NULL").select(F.col("id"), F.sqrt("latency").alias("sq"), F.exp(F.lit(1)).alias("e"), F.log(F.col("latency")).alias("ln"), F.log10("latency").alias("lg"), F.pow("latency", 2).alias("p"))`,
  },
  {
    name: "math-pmod-signum-abs",
    ts: (spark) =>
      spark
        .range(-3, 4)
        .select(
          col("id"),
          F.pmod(col("id"), lit(3)).alias("pm"),
          F.signum("id").alias("sg"),
          F.abs(col("id")).alias("a"),
          col("id").mod(3).alias("m"),
        ),
    py: `spark.range(-3, 4).select(F.col("id"), F.pmod(F.col("id"), F.lit(3)).alias("pm"), F.signum("id").alias("sg"), F.abs(F.col("id")).alias("a"), (F.col("id") % 3).alias("m"))`,
  },
  {
    name: "math-hashes",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.hash(col("service"), col("id")).alias("h"),
          F.xxhash64(col("service")).alias("x"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.hash(F.col("service"), F.col("id")).alias("h"), F.xxhash64(F.col("service")).alias("x"))`,
  },
  {
    name: "column-arithmetic-with-nulls",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          col("latency").plus(col("bytes")).alias("s"),
          col("latency").minus(1).alias("m"),
          col("bytes").multiply(2).alias("x"),
          col("latency").divide(7).alias("d"),
          col("latency").negate().alias("n"),
        ),
    py: `spark.table("logs").select(F.col("id"), (F.col("latency") + F.col("bytes")).alias("s"), (F.col("latency") - 1).alias("m"), (F.col("bytes") * 2).alias("x"), (F.col("latency") / 7).alias("d"), (-F.col("latency")).alias("n"))`,
  },
  {
    name: "column-comparisons-and-logic",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          col("latency").gt(100).alias("gt"),
          col("latency").le(60).alias("le"),
          col("latency").between(50, 300).alias("bt"),
          col("latency").gt(100).and(col("level").eq("INFO")).alias("and"),
          col("latency").lt(50).or(col("bytes").isNull()).alias("or"),
          col("level").ne("INFO").alias("ne"),
        ),
    py: `spark.table("logs").select(F.col("id"), (F.col("latency") > 100).alias("gt"), (F.col("latency") <= 60).alias("le"), F.col("latency").between(50, 300).alias("bt"), ((F.col("latency") > 100) & (F.col("level") == "INFO")).alias("and"), ((F.col("latency") < 50) | F.col("bytes").isNull()).alias("or"), (F.col("level") != "INFO").alias("ne"))`,
  },
  {
    name: "column-bitwise",
    ts: (spark) =>
      spark
        .range(8)
        .select(
          col("id"),
          col("id").bitwiseAND(3).alias("a"),
          col("id").bitwiseOR(8).alias("o"),
          col("id").bitwiseXOR(5).alias("x"),
        ),
    py: `spark.range(8).select(F.col("id"), F.col("id").bitwiseAND(3).alias("a"), F.col("id").bitwiseOR(8).alias("o"), F.col("id").bitwiseXOR(5).alias("x"))`,
  },
  {
    name: "conditional-when-otherwise",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.when(col("latency").gt(500), "slow")
            .when(col("latency").gt(100), "ok")
            .otherwise("fast")
            .alias("speed"),
          F.when(col("level").eq("ERROR"), 1).alias("err"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.when(F.col("latency") > 500, "slow").when(F.col("latency") > 100, "ok").otherwise("fast").alias("speed"), F.when(F.col("level") == "ERROR", 1).alias("err"))`,
  },
  {
    name: "conditional-coalesce-greatest-least",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.coalesce(col("latency"), col("bytes"), lit(0)).alias("c"),
          F.greatest(col("latency"), col("bytes")).alias("g"),
          F.least(col("latency"), col("bytes")).alias("l"),
          F.nullif(col("level"), lit("INFO")).alias("ni"),
          F.ifnull(col("service"), lit("none")).alias("if"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.coalesce(F.col("latency"), F.col("bytes"), F.lit(0)).alias("c"), F.greatest(F.col("latency"), F.col("bytes")).alias("g"), F.least(F.col("latency"), F.col("bytes")).alias("l"), F.nullif(F.col("level"), F.lit("INFO")).alias("ni"), F.ifnull(F.col("service"), F.lit("none")).alias("if"))`,
  },
  {
    name: "conditional-nanvl-isnan",
    ts: (spark) =>
      spark
        .table("specials")
        .select(
          col("id"),
          F.nanvl(col("d"), lit(-1.0)).alias("v"),
          col("d").isNaN().alias("nan"),
          F.isnull(col("d")).alias("null"),
        ),
    py: `spark.table("specials").select(F.col("id"), F.nanvl(F.col("d"), F.lit(-1.0)).alias("v"), F.col("d").isNaN().alias("nan"), F.isnull(F.col("d")).alias("null"))`,
  },
  {
    name: "datetime-parts",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.year("ts").alias("y"),
          F.month("ts").alias("mo"),
          F.dayofmonth("ts").alias("d"),
          F.dayofweek("ts").alias("dw"),
          F.hour("ts").alias("h"),
          F.minute("ts").alias("mi"),
          F.second("ts").alias("s"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.year("ts").alias("y"), F.month("ts").alias("mo"), F.dayofmonth("ts").alias("d"), F.dayofweek("ts").alias("dw"), F.hour("ts").alias("h"), F.minute("ts").alias("mi"), F.second("ts").alias("s"))`,
  },
  {
    name: "datetime-format-and-truncate",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.date_format("ts", "yyyy-MM-dd HH:mm:ss.SSSSSS").alias("f"),
          F.to_date(col("ts")).alias("d"),
          F.date_trunc("minute", col("ts")).alias("m"),
          F.trunc(col("ts"), "month").alias("mo"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.date_format("ts", "yyyy-MM-dd HH:mm:ss.SSSSSS").alias("f"), F.to_date(F.col("ts")).alias("d"), F.date_trunc("minute", F.col("ts")).alias("m"), F.trunc(F.col("ts"), "month").alias("mo"))`,
  },
  {
    name: "datetime-arithmetic",
    ts: (spark) =>
      spark
        .table("instants")
        .where("id BETWEEN 1 AND 4")
        .select(
          col("id"),
          F.date_add(col("d"), 30).alias("plus"),
          F.date_sub(col("d"), 1).alias("minus"),
          F.datediff(lit("2000-01-01"), col("d")).alias("diff"),
        ),
    py: `spark.table("instants").where("id BETWEEN 1 AND 4").select(F.col("id"), F.date_add(F.col("d"), 30).alias("plus"), F.date_sub(F.col("d"), 1).alias("minus"), F.datediff(F.lit("2000-01-01"), F.col("d")).alias("diff"))`,
  },
  {
    name: "datetime-epoch-conversions",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.unix_timestamp(col("ts")).alias("u"),
          F.unix_millis(col("ts")).alias("ms"),
          F.timestamp_seconds(col("id").multiply(1000)).alias("s"),
          F.timestamp_millis(col("bytes")).alias("m"),
          F.from_unixtime(col("id").multiply(86400)).alias("f"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.unix_timestamp(F.col("ts")).alias("u"), F.unix_millis(F.col("ts")).alias("ms"), F.timestamp_seconds(F.col("id") * 1000).alias("s"), F.timestamp_millis(F.col("bytes")).alias("m"), F.from_unixtime(F.col("id") * 86400).alias("f"))`,
  },
  {
    name: "datetime-zones",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.from_utc_timestamp(col("ts"), "Europe/Paris").alias("paris"),
          F.to_utc_timestamp(col("ts"), "America/New_York").alias("ny"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.from_utc_timestamp(F.col("ts"), "Europe/Paris").alias("paris"), F.to_utc_timestamp(F.col("ts"), "America/New_York").alias("ny"))`,
  },
  {
    name: "datetime-parse-strings",
    ts: (spark) =>
      spark
        .range(1)
        .select(
          F.to_timestamp(lit("2024-03-01 10:11:12.345678")).alias("t"),
          F.to_date(lit("01/02/2024"), "MM/dd/yyyy").alias("d"),
          F.to_timestamp(lit("1969-12-31 23:59:59.999999")).alias("before"),
        ),
    py: `spark.range(1).select(F.to_timestamp(F.lit("2024-03-01 10:11:12.345678")).alias("t"), F.to_date(F.lit("01/02/2024"), "MM/dd/yyyy").alias("d"), F.to_timestamp(F.lit("1969-12-31 23:59:59.999999")).alias("before"))`,
  },
  {
    name: "expr-and-select-expr",
    ts: (spark) =>
      spark
        .table("logs")
        .selectExpr(
          "id",
          "latency * 2 AS twice",
          "upper(service) AS s",
          "CASE WHEN score > 1 THEN 'hi' ELSE 'lo' END AS band",
        ),
    py: `spark.table("logs").selectExpr("id", "latency * 2 AS twice", "upper(service) AS s", "CASE WHEN score > 1 THEN 'hi' ELSE 'lo' END AS band")`,
  },
  {
    name: "call-function-by-name",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.callFunction("reverse", col("service")).alias("r"),
          F.callFunction("initcap", col("level")).alias("i"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.call_function("reverse", F.col("service")).alias("r"), F.call_function("initcap", F.col("level")).alias("i"))`,
  },
]);
