/** CRDs as charts ship them, for tests of what the program makes of them. */

/** A CRD shaped like Strimzi's `kafkas.kafka.strimzi.io`, with its `clusterSecurity` status. */
export function kafkaLikeCrd(): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "kafkas.kafka.strimzi.io" },
    spec: {
      group: "kafka.strimzi.io",
      names: { kind: "Kafka", plural: "kafkas" },
      scope: "Namespaced",
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                status: {
                  type: "object",
                  properties: {
                    clusterSecurity: {
                      type: "object",
                      properties: {},
                      "x-kubernetes-preserve-unknown-fields": true,
                      description: "The current security configuration of the Kafka cluster.",
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}
