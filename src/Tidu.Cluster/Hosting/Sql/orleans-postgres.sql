-- Orleans' membership and reminder tables for a Tidu cluster on PostgreSQL, written for the contract of the ADO.NET
-- providers of Orleans 10.4: the providers read their SQL from orleansquery by key, send the parameters named there
-- (@DeploymentId, …) and read result columns by name. Every statement is safe to run again: the platform applies this
-- file at each start of a node in Postgres mode, under an advisory lock, in one transaction.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey varchar(64) NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);

-- One row per cluster; its version is the membership table's optimistic lock.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable (
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    timestamp timestamptz(3) NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port and generation: a restarted node is a new row).
CREATE TABLE IF NOT EXISTS orleansmembershiptable (
    deploymentid varchar(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    siloname varchar(150) NOT NULL,
    hostname varchar(150) NOT NULL,
    status integer NOT NULL,
    proxyport integer NULL,
    suspecttimes varchar(8000) NULL,
    starttime timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- One row per reminder; the grain hash places it on the silo that owns that part of the ring.
CREATE TABLE IF NOT EXISTS orleansreminderstable (
    serviceid varchar(150) NOT NULL,
    grainid varchar(300) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime timestamptz(3) NOT NULL,
    period bigint NOT NULL,
    grainhash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash ON orleansreminderstable (serviceid, grainhash);

-- A joining silo has no suspicions yet (its insert leaves them empty whatever the provider sends).
-- Membership writes succeed only against the version the writer read (1), else change nothing (0). The cluster's
-- version row is locked first, so two silos joining at once are decided one after the other.
CREATE OR REPLACE FUNCTION tidu_orleans_lock_version(p_deployment text, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version FROM orleansmembershipversiontable WHERE deploymentid = p_deployment FOR UPDATE;
    RETURN current_version IS NOT NULL AND current_version = p_version;
END
$$;

CREATE OR REPLACE FUNCTION tidu_orleans_bump_version(p_deployment text)
RETURNS integer LANGUAGE sql AS $$
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now() WHERE deploymentid = p_deployment
    RETURNING 1;
$$;

CREATE OR REPLACE FUNCTION tidu_orleans_insert_member(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo text, p_host text,
    p_status integer, p_proxy integer, p_suspects text, p_start timestamptz, p_alive timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    IF NOT tidu_orleans_lock_version(p_deployment, p_version) THEN
        RETURN 0;
    END IF;
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo, p_host, p_status, p_proxy, p_suspects, p_start, p_alive)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    RETURN tidu_orleans_bump_version(p_deployment);
END
$$;

CREATE OR REPLACE FUNCTION tidu_orleans_update_member(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspects text,
    p_alive timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    IF NOT tidu_orleans_lock_version(p_deployment, p_version) THEN
        RETURN 0;
    END IF;
    UPDATE orleansmembershiptable
    SET status = p_status, suspecttimes = p_suspects, iamalivetime = p_alive
    WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    RETURN tidu_orleans_bump_version(p_deployment);
END
$$;

-- A reminder write returns the row's new version, the provider's ETag for later deletes.
CREATE OR REPLACE FUNCTION tidu_orleans_upsert_reminder(
    p_service text, p_grain text, p_name text, p_start timestamptz, p_period bigint, p_hash integer)
RETURNS integer LANGUAGE sql AS $$
    INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (p_service, p_grain, p_name, p_start, p_period, p_hash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
        version = orleansreminderstable.version + 1
    RETURNING version;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH added AS (
        INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer AS row_count FROM added;'),
('InsertMembershipKey', '
    SELECT tidu_orleans_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, NULL, @StartTime, @IAmAliveTime, @Version) AS row_count;'),
('UpdateMembershipKey', '
    SELECT tidu_orleans_update_member(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version) AS row_count;'),
('UpdateIAmAlivetimeKey', '
    UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('MembershipReadRowKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
        m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
        m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT address, proxyport, generation FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),
-- Only dead silos (status 6) are ever removed, and only rows that did not change since the caller read them.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = 6 AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
        AND coalesce(suspecttimes, '''') = '''';'),
('CleanupDefunctSiloEntryKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = 6 AND address = @Address AND port = @Port
        AND generation = @Generation AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
        AND coalesce(suspecttimes, '''') = coalesce(@SuspectTimes, '''');'),
('UpsertReminderRowKey', '
    SELECT tidu_orleans_upsert_reminder(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash) AS version;'),
('ReadReminderRowsKey', '
    SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId;'),
('ReadReminderRowKey', '
    SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;'),
-- The ring is split at a hash: one range (begin, end], or the wrapped range around zero.
('ReadRangeRows1Key', '
    SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;'),
('ReadRangeRows2Key', '
    SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);'),
('DeleteReminderRowKey', '
    WITH removed AS (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
        RETURNING 1)
    SELECT count(*)::integer AS row_count FROM removed;'),
('DeleteReminderRowsKey', '
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
