import { z } from 'zod';

/**
 * Structural schemas of Kuma's resources, built twice from one description:
 * - `strict`: what the control plane accepts on PUT (protojson rejects unknown fields and wrong
 *   types before any validation rule runs); the demo control plane uses it;
 * - `loose`: what a dashboard accepts on GET from any version (unknown fields pass, optional
 *   ones may be absent); the SPA parses responses with it.
 */
export type SchemaMode = 'strict' | 'loose';

export function kumaSchemas(mode: SchemaMode) {
  const object = <Shape extends z.ZodRawShape>(shape: Shape) =>
    mode === 'strict' ? z.strictObject(shape) : z.looseObject(shape);
  const stringMap = z.record(z.string(), z.string());
  const counter = z.union([z.string(), z.number()]);
  const port = z.number().int();

  const meta = {
    type: z.string(),
    mesh: z.string().optional(),
    name: z.string(),
    creationTime: z.string().optional(),
    modificationTime: z.string().optional(),
    labels: stringMap.optional(),
    kri: z.string().optional(),
  };

  const backendRefTarget = object({
    kind: z.string(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    port: port.optional(),
    sectionName: z.string().optional(),
    labels: stringMap.optional(),
  });

  const dataSource = object({
    secret: z.string().optional(),
    inline: z.string().optional(),
    inlineString: z.string().optional(),
    file: z.string().optional(),
  });

  const mesh = object({
    ...meta,
    mtls: object({
      enabledBackend: z.string().optional(),
      backends: z
        .array(
          object({
            name: z.string(),
            type: z.string(),
            dpCert: z.unknown().optional(),
            conf: z.unknown().optional(),
            mode: z.string().optional(),
            rootChain: z.unknown().optional(),
          }),
        )
        .optional(),
      skipValidation: z.boolean().optional(),
    }).optional(),
    meshServices: object({ mode: z.string().optional() }).optional(),
    networking: z.unknown().optional(),
    routing: z.unknown().optional(),
    constraints: z.unknown().optional(),
    logging: z.unknown().optional(),
    metrics: z.unknown().optional(),
    tracing: z.unknown().optional(),
    skipCreatingInitialPolicies: z.array(z.string()).optional(),
  });

  const inbound = object({
    port: port.optional(),
    servicePort: port.optional(),
    serviceAddress: z.string().optional(),
    address: z.string().optional(),
    name: z.string().optional(),
    tags: stringMap.optional(),
    health: object({ ready: z.boolean().optional() }).optional(),
    state: z.string().optional(),
    serviceProbe: z.unknown().optional(),
  });

  const outbound = object({
    port: port.optional(),
    address: z.string().optional(),
    tags: stringMap.optional(),
    backendRef: backendRefTarget.optional(),
  });

  const networking = object({
    address: z.string().optional(),
    advertisedAddress: z.string().optional(),
    gateway: object({ type: z.string().optional(), tags: stringMap.optional() }).optional(),
    inbound: z.array(inbound).optional(),
    outbound: z.array(outbound).optional(),
    listeners: z.array(z.unknown()).optional(),
    admin: object({ port: port.optional() }).optional(),
    transparentProxying: z.record(z.string(), z.unknown()).optional(),
  });

  const dataplane = object({
    ...meta,
    networking: networking.optional(),
    probes: z.unknown().optional(),
    metrics: z.unknown().optional(),
  });

  const listener = object({
    port: port.optional(),
    protocol: z.string().optional(),
    hostname: z.string().optional(),
    tls: object({
      mode: z.string().optional(),
      certificates: z.array(dataSource).optional(),
      options: object({}).optional(),
    }).optional(),
    tags: stringMap.optional(),
    crossMesh: z.boolean().optional(),
    resources: object({ connectionLimit: port.optional() }).optional(),
  });

  const meshGateway = object({
    ...meta,
    selectors: z.array(object({ match: stringMap.optional() })).optional(),
    tags: stringMap.optional(),
    conf: object({ listeners: z.array(listener).optional() }).optional(),
  });

  const targetRef = object({
    kind: z.string(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    mesh: z.string().optional(),
    tags: stringMap.optional(),
    labels: stringMap.optional(),
    sectionName: z.string().optional(),
    proxyTypes: z.array(z.string()).optional(),
  });

  const backendRef = object({
    kind: z.string(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    port: port.optional(),
    sectionName: z.string().optional(),
    labels: stringMap.optional(),
    tags: stringMap.optional(),
    weight: z.number().int().optional(),
  });

  const headerModifier = object({
    set: z.array(object({ name: z.string(), value: z.string() })).optional(),
    add: z.array(object({ name: z.string(), value: z.string() })).optional(),
    remove: z.array(z.string()).optional(),
  });

  const pathModifier = object({
    type: z.string(),
    replaceFullPath: z.string().optional(),
    replacePrefixMatch: z.string().optional(),
  });

  const httpFilter = object({
    type: z.string(),
    requestHeaderModifier: headerModifier.optional(),
    responseHeaderModifier: headerModifier.optional(),
    requestRedirect: object({
      scheme: z.string().optional(),
      hostname: z.string().optional(),
      path: pathModifier.optional(),
      port: port.optional(),
      statusCode: z.number().int().optional(),
    }).optional(),
    urlRewrite: object({
      hostname: z.string().optional(),
      path: pathModifier.optional(),
      hostToBackendHostname: z.boolean().optional(),
    }).optional(),
    requestMirror: object({
      backendRef: backendRef,
      percentage: z.union([z.string(), z.number()]).optional(),
    }).optional(),
  });

  const httpMatch = object({
    path: object({ type: z.string(), value: z.string() }).optional(),
    method: z.string().optional(),
    headers: z
      .array(
        object({ type: z.string().optional(), name: z.string(), value: z.string().optional() }),
      )
      .optional(),
    queryParams: z
      .array(object({ type: z.string(), name: z.string(), value: z.string() }))
      .optional(),
  });

  const policy = <Spec extends z.ZodType>(spec: Spec) =>
    object({ ...meta, spec: spec.optional(), status: z.unknown().optional() });

  const meshHttpRoute = policy(
    object({
      targetRef: targetRef.optional(),
      to: z
        .array(
          object({
            targetRef,
            hostnames: z.array(z.string()).optional(),
            rules: z
              .array(
                object({
                  matches: z.array(httpMatch).optional(),
                  default: object({
                    filters: z.array(httpFilter).optional(),
                    backendRefs: z.array(backendRef).optional(),
                  }),
                }),
              )
              .optional(),
          }),
        )
        .optional(),
    }),
  );

  const meshTcpRoute = policy(
    object({
      targetRef: targetRef.optional(),
      to: z
        .array(
          object({
            targetRef,
            rules: z
              .array(object({ default: object({ backendRefs: z.array(backendRef).optional() }) }))
              .optional(),
          }),
        )
        .optional(),
    }),
  );

  const meshTrafficPermission = policy(
    object({
      targetRef: targetRef.optional(),
      from: z
        .array(object({ targetRef, default: object({ action: z.string().optional() }).optional() }))
        .optional(),
      rules: z.array(z.unknown()).optional(),
    }),
  );

  const meshService = policy(
    object({
      selector: object({
        dataplaneTags: stringMap.optional(),
        dataplaneRef: object({ name: z.string() }).optional(),
      }).optional(),
      ports: z
        .array(
          object({
            port,
            targetPort: z.union([z.number().int(), z.string()]).optional(),
            appProtocol: z.string().optional(),
            name: z.string().optional(),
          }),
        )
        .optional(),
      state: z.string().optional(),
      identities: z.array(object({ type: z.string(), value: z.string() })).optional(),
    }),
  );

  const subscription = object({
    id: z.string(),
    controlPlaneInstanceId: z.string(),
    connectTime: z.string().optional(),
    disconnectTime: z.string().optional(),
    status: z.record(z.string(), z.unknown()).optional(),
    version: z.record(z.string(), z.unknown()).optional(),
    generation: z.number().optional(),
  });

  const dataplaneInsight = object({
    subscriptions: z.array(subscription).optional(),
    mTLS: z.record(z.string(), z.unknown()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  });

  const dataplaneOverview = object({
    ...meta,
    mesh: z.string(),
    dataplane: object({ networking }),
    dataplaneInsight: dataplaneInsight.optional(),
  });

  return {
    counter,
    mesh,
    dataplane,
    meshGateway,
    meshHttpRoute,
    meshTcpRoute,
    meshTrafficPermission,
    meshService,
    dataplaneOverview,
    dataplaneInsight,
  };
}

export type KumaSchemas = ReturnType<typeof kumaSchemas>;

/** Protojson-style message for the first structural problem, as kuma-cp words it. */
export function describeSchemaIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid object';
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? '';
    return `unknown field "${path ? `${path}.` : ''}${field}"`;
  }
  if (issue.code === 'invalid_type') {
    return `invalid value for ${issue.expected} field ${path || '(root)'}`;
  }
  return `${path || '(root)'}: ${issue.message}`;
}
