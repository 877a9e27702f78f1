-- graphile-worker's add_job can drop a keyed job: when a worker locks the pending job of that key
-- between add_job's two statements, its insert's ON CONFLICT ... WHERE locked_at IS NULL skips the
-- row and nothing is added (graphile/worker#580, open). The job that runs may have read the world
-- before the caller's change, so the change is never acted on: a requested callback was never
-- offered. Called again, add_job sees the lock, takes the key off the running job and adds a new one.
CREATE FUNCTION enqueue_job(
  task text,
  payload json,
  queue_name text DEFAULT NULL,
  run_at timestamptz DEFAULT NULL,
  max_attempts integer DEFAULT NULL,
  job_key text DEFAULT NULL,
  priority integer DEFAULT NULL
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  job_id bigint;
BEGIN
  FOR attempt IN 1..3 LOOP
    SELECT j.id INTO job_id
      FROM graphile_worker.add_job(enqueue_job.task, enqueue_job.payload, queue_name => enqueue_job.queue_name,
             run_at => enqueue_job.run_at, max_attempts => enqueue_job.max_attempts::smallint,
             job_key => enqueue_job.job_key, priority => enqueue_job.priority::smallint) AS j;
    IF job_id IS NOT NULL THEN
      RETURN job_id;
    END IF;
  END LOOP;
  RAISE EXCEPTION 'job % with key % could not be added', task, job_key;
END $$;
