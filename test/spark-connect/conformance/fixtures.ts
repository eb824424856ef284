/**
 * The data every program reads: temporary views made by the same SQL in both clients' sessions,
 * so neither client's own data conversion (tested by the `types` programs) shapes the inputs.
 */
export const fixtures: string[] = [
  "SET spark.sql.session.timeZone=UTC",
  // A few rows per program: one shuffle partition spares a task per partition per program.
  "SET spark.sql.shuffle.partitions=1",
  `CREATE OR REPLACE TEMP VIEW logs AS SELECT * FROM VALUES
    (1L, 'api', 'INFO', 120, 2048L, TIMESTAMP'2024-01-01 00:00:00.123456', array('a', 'b'), map('region', 'eu'), 0.5D, 10.25BD),
    (2L, 'api', 'ERROR', 950, 512L, TIMESTAMP'2024-01-01 00:00:30.000001', array('b'), map('region', 'us'), 1.25D, 3.10BD),
    (3L, 'auth', 'WARN', 45, NULL, TIMESTAMP'2024-01-01 00:01:10', array(), map(), NULL, 7.00BD),
    (4L, 'auth', 'INFO', 60, 128L, TIMESTAMP'2024-01-01 00:01:59.999999', NULL, NULL, 2.0D, NULL),
    (5L, 'billing', 'ERROR', NULL, 4096L, TIMESTAMP'2024-01-01 00:02:00', array('c', NULL), map('region', 'eu', 'tier', '1'), -3.75D, 0.01BD),
    (6L, 'billing', 'INFO', 300, 1024L, TIMESTAMP'2024-01-01 00:03:45.5', array('a'), map('tier', '2'), 0.0D, 99.99BD),
    (7L, 'api', 'INFO', 80, 256L, TIMESTAMP'2024-01-01 00:04:00', array('a', 'c'), map('region', 'ap'), 12.5D, 1.00BD),
    (8L, NULL, 'DEBUG', 5, 64L, TIMESTAMP'2024-01-01 00:05:00', array('d'), map(), 1.0D, 5.55BD)
    AS logs(id, service, level, latency, bytes, ts, tags, attrs, score, price)`,
  `CREATE OR REPLACE TEMP VIEW services AS SELECT * FROM VALUES
    ('api', 'platform', 1), ('auth', 'identity', 1), ('search', 'discovery', 2)
    AS services(service, team, tier)`,
  `CREATE OR REPLACE TEMP VIEW specials AS SELECT * FROM VALUES
    (1, CAST('NaN' AS DOUBLE), CAST('NaN' AS FLOAT)),
    (2, CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS FLOAT)),
    (3, CAST('-Infinity' AS DOUBLE), CAST(1.5 AS FLOAT)),
    (4, -0.0D, CAST(-0.0 AS FLOAT)),
    (5, 0.1D + 0.2D, CAST(0.1 AS FLOAT)),
    (6, NULL, NULL),
    (7, 1.7976931348623157E308D, CAST(3.4028235E38 AS FLOAT)),
    (8, 4.9E-324D, CAST(1.4E-45 AS FLOAT))
    AS specials(id, d, f)`,
  `CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM VALUES
    (1, '{"user": "ann", "n": 3, "tags": ["x", "y"], "geo": {"lat": 1.5, "lon": -2.25}}'),
    (2, '{"user": "bob", "n": null, "tags": [], "extra": true}'),
    (3, '{"user": "cy", "n": 9223372036854775807}'),
    (4, 'not json'),
    (5, NULL)
    AS events(id, body)`,
  `CREATE OR REPLACE TEMP VIEW instants AS SELECT * FROM VALUES
    (1, TIMESTAMP'1969-12-31 23:59:59.999999', TIMESTAMP_NTZ'1969-12-31 23:59:59.999999', DATE'1969-12-31'),
    (2, TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'1970-01-01 00:00:00', DATE'1970-01-01'),
    (3, TIMESTAMP'1900-02-28 12:34:56.000789', TIMESTAMP_NTZ'1900-02-28 12:34:56.000789', DATE'1900-02-28'),
    (4, TIMESTAMP'2024-02-29 23:59:59.999999', TIMESTAMP_NTZ'2024-02-29 23:59:59.999999', DATE'2024-02-29'),
    (5, TIMESTAMP'0001-01-01 00:00:00', TIMESTAMP_NTZ'0001-01-01 00:00:00', DATE'0001-01-01'),
    (6, TIMESTAMP'9999-12-31 23:59:59.999999', TIMESTAMP_NTZ'9999-12-31 23:59:59.999999', DATE'9999-12-31'),
    (7, NULL, NULL, NULL)
    AS instants(id, ts, ntz, d)`,
];
