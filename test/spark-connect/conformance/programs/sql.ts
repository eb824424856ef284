import { group } from "../program.ts";

export const sqlPrograms = group("sql", [
  {
    name: "select-with-expressions",
    ts: (spark) =>
      spark.sql("SELECT id, service, latency / 1000.0 AS seconds, ts FROM logs WHERE level <> 'DEBUG'"),
    py: `spark.sql("SELECT id, service, latency / 1000.0 AS seconds, ts FROM logs WHERE level <> 'DEBUG'")`,
  },
  {
    name: "named-parameters",
    ts: (spark) =>
      spark.sql("SELECT * FROM logs WHERE latency > :min AND service = :svc", { min: 50, svc: "api" }),
    py: `spark.sql("SELECT * FROM logs WHERE latency > :min AND service = :svc", args={"min": 50, "svc": "api"})`,
  },
  {
    name: "positional-parameters",
    ts: (spark) => spark.sql("SELECT ? AS a, ? AS b, ? AS c, ? AS d", [1, "two", 3.5, 2 ** 40]),
    py: `spark.sql("SELECT ? AS a, ? AS b, ? AS c, ? AS d", args=[1, "two", 3.5, 2 ** 40])`,
  },
  {
    name: "common-table-expression",
    ts: (spark) =>
      spark.sql(
        "WITH slow AS (SELECT * FROM logs WHERE latency > 100) SELECT service, count(*) AS n FROM slow GROUP BY service",
      ),
    py: `spark.sql("WITH slow AS (SELECT * FROM logs WHERE latency > 100) SELECT service, count(*) AS n FROM slow GROUP BY service")`,
  },
  {
    name: "window-functions-in-sql",
    ts: (spark) =>
      spark.sql(
        "SELECT id, sum(latency) OVER (PARTITION BY service ORDER BY id) AS running, lag(level) OVER (ORDER BY id) AS prev FROM logs",
      ),
    py: `spark.sql("SELECT id, sum(latency) OVER (PARTITION BY service ORDER BY id) AS running, lag(level) OVER (ORDER BY id) AS prev FROM logs")`,
  },
  {
    name: "join-in-sql",
    ts: (spark) => spark.sql("SELECT l.id, s.team FROM logs l LEFT JOIN services s USING (service)"),
    py: `spark.sql("SELECT l.id, s.team FROM logs l LEFT JOIN services s USING (service)")`,
  },
  {
    name: "grouping-sets-in-sql",
    ts: (spark) =>
      spark.sql(
        "SELECT service, level, count(*) AS n FROM logs GROUP BY GROUPING SETS ((service), (level), ())",
      ),
    py: `spark.sql("SELECT service, level, count(*) AS n FROM logs GROUP BY GROUPING SETS ((service), (level), ())")`,
  },
  {
    name: "values-and-inline-types",
    ts: (spark) =>
      spark.sql(
        "SELECT * FROM VALUES (1, 'a', 1.5BD, DATE'2024-01-01', X'0A'), (2, NULL, NULL, NULL, NULL) AS t(i, s, d, dt, b)",
      ),
    py: `spark.sql("SELECT * FROM VALUES (1, 'a', 1.5BD, DATE'2024-01-01', X'0A'), (2, NULL, NULL, NULL, NULL) AS t(i, s, d, dt, b)")`,
  },
  {
    name: "temp-view-from-a-dataframe",
    ts: async (spark) => {
      await spark.table("logs").where("level = 'ERROR'").createOrReplaceTempView("errors_ts");
      return spark.sql("SELECT service, count(*) AS n FROM errors_ts GROUP BY service");
    },
    py: `spark.table("logs").where("level = 'ERROR'").createOrReplaceTempView("errors_py")
df = spark.sql("SELECT service, count(*) AS n FROM errors_py GROUP BY service")`,
  },
  {
    name: "describe-a-query",
    ts: (spark) => spark.sql("DESCRIBE QUERY SELECT id, tags, attrs FROM logs"),
    py: `spark.sql("DESCRIBE QUERY SELECT id, tags, attrs FROM logs")`,
  },
  {
    name: "show-functions-like",
    ts: (spark) => spark.sql("SHOW FUNCTIONS LIKE 'array_*'"),
    py: `spark.sql("SHOW FUNCTIONS LIKE 'array_*'")`,
  },
  {
    name: "pivot-in-sql",
    ts: (spark) =>
      spark.sql(
        "SELECT * FROM (SELECT service, level, latency FROM logs) PIVOT (sum(latency) FOR level IN ('INFO', 'ERROR'))",
      ),
    py: `spark.sql("SELECT * FROM (SELECT service, level, latency FROM logs) PIVOT (sum(latency) FOR level IN ('INFO', 'ERROR'))")`,
  },
  {
    name: "lateral-view-explode",
    ts: (spark) => spark.sql("SELECT id, tag FROM logs LATERAL VIEW OUTER explode(tags) t AS tag"),
    py: `spark.sql("SELECT id, tag FROM logs LATERAL VIEW OUTER explode(tags) t AS tag")`,
  },
  {
    name: "set-operations-in-sql",
    ts: (spark) =>
      spark.sql("SELECT service FROM logs UNION SELECT service FROM services EXCEPT SELECT 'search'"),
    py: `spark.sql("SELECT service FROM logs UNION SELECT service FROM services EXCEPT SELECT 'search'")`,
  },
]);
