-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'SMS', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "MessageAudience" AS ENUM ('BUYER', 'STAFF');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'HELD', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "TaskQueue" AS ENUM ('PRE_SALES', 'AFTER_SALES', 'WAREHOUSE', 'SUPERVISOR');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'CLAIMED', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "shops" (
    "shop_id" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shops_pkey" PRIMARY KEY ("shop_id")
);

-- CreateTable
CREATE TABLE "shop_channels" (
    "shop_id" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "config" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shop_channels_pkey" PRIMARY KEY ("shop_id","channel")
);

-- CreateTable
CREATE TABLE "message_template_overrides" (
    "shop_id" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "message_template_overrides_pkey" PRIMARY KEY ("shop_id","template","locale")
);

-- CreateTable
CREATE TABLE "opt_outs" (
    "shop_id" TEXT NOT NULL,
    "buyer_id" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "opt_outs_pkey" PRIMARY KEY ("shop_id","buyer_id","channel")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "order_id" TEXT,
    "buyer_id" TEXT,
    "workflow_id" TEXT NOT NULL,
    "audience" "MessageAudience" NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "recipient" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "reason" TEXT,
    "provider_message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "held_until" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" TEXT NOT NULL,
    "shop_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "queue" "TaskQueue" NOT NULL,
    "assignee" TEXT,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "title" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "order_id" TEXT,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "escalate_to" "TaskQueue",
    "escalated_at" TIMESTAMPTZ(3),
    "outcome" JSONB,
    "completed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "messages_shop_id_order_id_sent_at_idx" ON "messages"("shop_id", "order_id", "sent_at");

-- CreateIndex
CREATE INDEX "messages_shop_id_channel_status_idx" ON "messages"("shop_id", "channel", "status");

-- CreateIndex
CREATE INDEX "tasks_shop_id_queue_status_idx" ON "tasks"("shop_id", "queue", "status");

-- CreateIndex
CREATE INDEX "tasks_shop_id_status_due_at_idx" ON "tasks"("shop_id", "status", "due_at");
