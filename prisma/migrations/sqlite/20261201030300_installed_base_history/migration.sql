-- CreateTable
CREATE TABLE "DeviceSnapSpan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "snapId" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "from" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" DATETIME
);

-- CreateIndex
CREATE INDEX "DeviceSnapSpan_snapId_from_idx" ON "DeviceSnapSpan"("snapId", "from");

-- CreateIndex
CREATE INDEX "DeviceSnapSpan_deviceId_snapId_until_idx" ON "DeviceSnapSpan"("deviceId", "snapId", "until");


-- Backfill: what was installed before the history existed, from its install day with its current
-- channel and revision (the best the old rows tell).
INSERT INTO "DeviceSnapSpan" ("id", "deviceId", "snapId", "architecture", "system", "channel", "version", "revision", "from", "until")
SELECT 'backfill-' || ds."id", ds."deviceId", ds."snapId", d."architecture", CASE WHEN d."classic" THEN 'classic' ELSE 'core' END,
       ds."channel", COALESCE(r."version", ''), r."revision", ds."installedAt", NULL
FROM "DeviceSnap" ds
JOIN "Device" d ON d."id" = ds."deviceId"
JOIN "Revision" r ON r."id" = ds."revisionId";
