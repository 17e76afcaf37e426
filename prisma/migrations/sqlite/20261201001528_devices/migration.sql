-- AlterTable
ALTER TABLE "Device" ADD COLUMN "lastAutoRefreshAt" DATETIME;

-- CreateTable
CREATE TABLE "DeviceChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "spawnedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME,
    CONSTRAINT "DeviceChange_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeviceSnap" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "snapId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'strict',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "declarationRevision" INTEGER NOT NULL DEFAULT 0,
    "previousRevisionId" TEXT,
    "previousDeclarationRevision" INTEGER,
    CONSTRAINT "DeviceSnap_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeviceSnap_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeviceSnap_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DeviceSnap" ("channel", "deviceId", "id", "installedAt", "mode", "refreshedAt", "revisionId", "snapId") SELECT "channel", "deviceId", "id", "installedAt", "mode", "refreshedAt", "revisionId", "snapId" FROM "DeviceSnap";
DROP TABLE "DeviceSnap";
ALTER TABLE "new_DeviceSnap" RENAME TO "DeviceSnap";
CREATE UNIQUE INDEX "DeviceSnap_deviceId_snapId_key" ON "DeviceSnap"("deviceId", "snapId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DeviceChange_deviceId_seq_key" ON "DeviceChange"("deviceId", "seq");

