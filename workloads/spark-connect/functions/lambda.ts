import { Column } from "../column.ts";
import { SparkConnectClientError } from "../errors.ts";

const parameterNames = ["x", "y", "z"];
let lambdaVariables = 0;

/** A lambda variable; names are fresh per call so nested lambdas never capture each other's variables. */
function lambdaVariable(base: string): { column: Column; nameParts: string[] } {
  lambdaVariables += 1;
  const nameParts = [`${base}_${lambdaVariables}`];
  return {
    nameParts,
    column: new Column({ exprType: { case: "unresolvedNamedLambdaVariable", value: { nameParts } } }),
  };
}

/**
 * A JS function over Columns as a Spark lambda (`LambdaFunction`): it is called once, with lambda
 * variables, to build the body. Its arity (1 to 3) is the number of variables, as the higher-order
 * SQL function expects (`transform(arr, (x, i) => …)` gets the index too).
 */
export function lambda(body: (...variables: Column[]) => Column): Column {
  const arity = body.length;
  if (arity < 1 || arity > 3) {
    throw new SparkConnectClientError(
      `a lambda for a higher-order function takes 1 to 3 parameters, got ${arity}; write it as (x) => …, (x, y) => … or (x, y, z) => …`,
    );
  }
  const variables = parameterNames.slice(0, arity).map(lambdaVariable);
  const result = body(...variables.map((v) => v.column));
  if (!(result instanceof Column)) {
    throw new SparkConnectClientError("a lambda for a higher-order function must return a Column");
  }
  return new Column({
    exprType: {
      case: "lambdaFunction",
      value: {
        function: result.expr,
        arguments: variables.map((v) => ({ nameParts: v.nameParts })),
      },
    },
  });
}
