import { SparkSession } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** The SparkSession's own surface: the active session, cloning, state. */
export const sessionPrograms = group("session", [
  {
    name: "the-first-session-is-the-active-one",
    ts: (spark) =>
      spark.createDataFrame(
        [
          [
            SparkSession.getActiveSession()?.session_id === spark.sessionId,
            SparkSession.active() === spark,
            spark.is_stopped,
          ],
        ],
        "active BOOLEAN, same BOOLEAN, stopped BOOLEAN",
      ),
    py: `spark.createDataFrame([(spark.getActiveSession().session_id == spark.session_id, spark.active() is spark, spark.is_stopped)], "active BOOLEAN, same BOOLEAN, stopped BOOLEAN")`,
  },
  {
    name: "a-cloned-session-has-the-temp-views-and-configs",
    ts: async (spark) => {
      const clone = await spark.cloneSession();
      const row = [
        clone.session_id !== spark.session_id,
        await clone.table("logs").count(),
        await clone.conf.get("spark.sql.shuffle.partitions"),
      ];
      await clone.sql("SET spark.sql.shuffle.partitions=3");
      row.push(await spark.conf.get("spark.sql.shuffle.partitions"));
      await clone.stop();
      return spark.createDataFrame(
        [row],
        "new_id BOOLEAN, logs BIGINT, partitions STRING, own_partitions STRING",
      );
    },
    py: `clone = spark.cloneSession()
row = [clone.session_id != spark.session_id, clone.table("logs").count(), clone.conf.get("spark.sql.shuffle.partitions")]
clone.sql("SET spark.sql.shuffle.partitions=3")
row.append(spark.conf.get("spark.sql.shuffle.partitions"))
# PySpark's cloned session cannot stop() (it lacks release_session_on_close); the server drops it when idle.
df = spark.createDataFrame([tuple(row)], "new_id BOOLEAN, logs BIGINT, partitions STRING, own_partitions STRING")`,
  },
]);
