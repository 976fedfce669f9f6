namespace DynPmnn.Tensors;

/// <summary>
/// Runs the numbered items of one piece of work on the calling thread and one long-lived worker per extra core,
/// allocating nothing per call. Items are claimed one at a time from a shared counter, so a worker that is slow to wake
/// (or busy elsewhere) simply takes fewer of them; which thread runs an item never changes what the item computes.
/// </summary>
/// <remarks>
/// One piece of work runs at a time: a caller that finds the workers taken (another thread is using them) runs its
/// items itself. Workers spin for a short while after each piece of work, since products come in bursts, then sleep.
/// </remarks>
internal static class ParallelWork
{
    /// <summary>A piece of work: its items must be independent, each writing outputs no other item writes.</summary>
    internal abstract class Job
    {
        public abstract void Execute(int item);
    }

    /// <summary>How long an idle worker keeps polling before it sleeps, in stopwatch ticks.</summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 50000;

    /// <summary>The most items one piece of work may have.</summary>
    public const int MaxItems = 0xFFFF;

    private static readonly Worker[] Workers = CreateWorkers();

    // The claim word: the generation in the high 32 bits, then the item count and the next unclaimed item, 16 bits
    // each, so a claim always checks the count of the generation it claims from.
    private static long claim;
    private static int generation;
    private static int completed;
    private static Job? current;
    private static int taken;

    /// <summary>Whether any other thread can help; false on a single core.</summary>
    public static bool Available => Workers.Length > 0;

    /// <summary>Runs items [0, count) of <paramref name="job"/>; returns false, having run nothing, if the workers are taken.</summary>
    public static bool TryRun(Job job, int count)
    {
        if (Workers.Length == 0 || count < 2 || count > MaxItems || Interlocked.CompareExchange(ref taken, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            current = job;
            completed = 0;
            var next = unchecked(generation + 1);
            Interlocked.Exchange(ref claim, ((long)next << 32) | ((long)count << 16));
            Volatile.Write(ref generation, next);
            foreach (var worker in Workers)
            {
                worker.Wake();
            }

            Help(next, job);
            var spin = default(SpinWait);
            while (Volatile.Read(ref completed) < count)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            return true;
        }
        finally
        {
            current = null;
            Volatile.Write(ref taken, 0);
        }
    }

    /// <summary>Claims and runs items of generation <paramref name="expected"/> until none are left.</summary>
    private static void Help(int expected, Job job)
    {
        while (true)
        {
            var word = Volatile.Read(ref claim);
            var index = (int)(word & 0xFFFF);
            if ((int)(word >> 32) != expected || index >= (int)((word >> 16) & 0xFFFF))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref claim, word + 1, word) != word)
            {
                continue;
            }

            job.Execute(index);
            Interlocked.Increment(ref completed);
        }
    }

    private static Worker[] CreateWorkers()
    {
        var count = Math.Max(0, Environment.ProcessorCount - 1);
        var workers = new Worker[count];
        for (var i = 0; i < count; i++)
        {
            workers[i] = new Worker(i);
        }

        return workers;
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim signal = new(false, spinCount: 1);
        private int sleeping;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DynPmnn worker {index + 1}" };
            thread.Start();
        }

        public void Wake()
        {
            if (Volatile.Read(ref sleeping) != 0)
            {
                signal.Set();
            }
        }

        private void Loop()
        {
            var seen = 0;
            while (true)
            {
                var idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                int latest;
                while ((latest = Volatile.Read(ref generation)) == seen)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }

                    signal.Reset();
                    Interlocked.Exchange(ref sleeping, 1);
                    if (Volatile.Read(ref generation) == seen)
                    {
                        signal.Wait();
                    }

                    Volatile.Write(ref sleeping, 0);
                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                seen = latest;

                // The job read here may already belong to a later generation; the claim checks the generation, so
                // an item is only ever run with the job it was published with.
                var job = Volatile.Read(ref current);
                if (job is not null)
                {
                    Help(latest, job);
                }
            }
        }
    }
}
