-- Riffle initial schema: topologies, immutable versions, deployments and their events.
-- Hand-written to match prisma/schema.prisma (the Prisma 7 CLI cannot diff offline).

-- CreateEnum
CREATE TYPE "Runtime" AS ENUM ('embedded', 'kafka');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('starting', 'running', 'stopping', 'stopped', 'failed');

-- CreateTable
CREATE TABLE "topology" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "latest_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "topology_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topology_version" (
    "id" UUID NOT NULL,
    "topology_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topology_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment" (
    "id" UUID NOT NULL,
    "topology_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "runtime" "Runtime" NOT NULL,
    "status" "DeploymentStatus" NOT NULL,
    "application_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "stopped_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_event" (
    "id" BIGSERIAL NOT NULL,
    "deployment_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "deployment_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "topology_version_topology_id_version_key" ON "topology_version"("topology_id", "version");

-- CreateIndex
CREATE INDEX "deployment_topology_id_created_at_idx" ON "deployment"("topology_id", "created_at");

-- CreateIndex
CREATE INDEX "deployment_status_idx" ON "deployment"("status");

-- CreateIndex
CREATE INDEX "deployment_event_deployment_id_id_idx" ON "deployment_event"("deployment_id", "id");

-- AddForeignKey
ALTER TABLE "topology_version" ADD CONSTRAINT "topology_version_topology_id_fkey" FOREIGN KEY ("topology_id") REFERENCES "topology"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_topology_id_fkey" FOREIGN KEY ("topology_id") REFERENCES "topology"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "topology_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_event" ADD CONSTRAINT "deployment_event_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
