-- CreateIndex
CREATE INDEX "orders_shop_id_buyer_phone_idx" ON "orders"("shop_id", "buyer_phone");

-- CreateIndex
CREATE INDEX "orders_shop_id_tracking_number_idx" ON "orders"("shop_id", "tracking_number");

-- CreateIndex
CREATE INDEX "cases_shop_id_return_tracking_number_idx" ON "cases"("shop_id", "return_tracking_number");

-- CreateIndex
CREATE INDEX "tasks_shop_id_order_id_idx" ON "tasks"("shop_id", "order_id");
