-- CreateEnum
CREATE TYPE "ConnectorMessageStatus" AS ENUM ('RECEIVED', 'APPLIED', 'ECHO', 'UNMAPPED');

-- CreateEnum
CREATE TYPE "ConnectorPushStatus" AS ENUM ('PENDING', 'SENT', 'REFUSED');

-- CreateTable
CREATE TABLE "connectors" (
    "shop_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "poll_every" TEXT NOT NULL DEFAULT '15s',
    "last_contact_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "connected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("shop_id","platform")
);

-- CreateTable
CREATE TABLE "connector_messages" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "platform_order_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ConnectorMessageStatus" NOT NULL DEFAULT 'RECEIVED',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "connector_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_pushes" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" "ConnectorPushStatus" NOT NULL DEFAULT 'PENDING',
    "platform_ref" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "connector_pushes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connector_messages_shop_id_platform_message_id_key" ON "connector_messages"("shop_id", "platform", "message_id");

-- CreateIndex
CREATE INDEX "connector_messages_shop_id_platform_status_occurred_at_idx" ON "connector_messages"("shop_id", "platform", "status", "occurred_at");

-- CreateIndex
CREATE INDEX "connector_messages_shop_id_platform_order_id_idx" ON "connector_messages"("shop_id", "platform_order_id");

-- CreateIndex
CREATE INDEX "connector_pushes_shop_id_platform_status_idx" ON "connector_pushes"("shop_id", "platform", "status");

-- CreateIndex
CREATE INDEX "connector_pushes_shop_id_order_id_idx" ON "connector_pushes"("shop_id", "order_id");
