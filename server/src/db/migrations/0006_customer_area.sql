-- The customer area (issue 24): a member may turn the automatic renewal of a mailbox's add-ons
-- off (they are then deactivated at the mailbox expiry instead of paid from the credit).
-- (Numbered 0006, leaving 0004-0005 to work landing at the same time; versions only need order.)
ALTER TABLE subscriptions ADD COLUMN addons_auto_renew boolean NOT NULL DEFAULT true;
