// The fastify instance type every route module registers on, and the services they share.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { DeploymentService } from "../services/deployment.service";
import type { SampleService } from "../services/sample.service";
import type { TopicLog } from "../services/topic-log";
import type { TopologyService } from "../services/topology.service";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Services {
  topologies: TopologyService;
  deployments: DeploymentService;
  samples: SampleService;
  topics: TopicLog;
  /** Whether the worker has finished starting (database migrated, deployments resumed). */
  ready(): boolean;
  database: "pglite" | "postgresql";
}
