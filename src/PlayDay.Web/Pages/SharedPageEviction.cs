using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PlayDay.Web.Pages;

/// <summary>
/// Empties the shared pages (<see cref="SharedPages"/>) on every write to the database, whatever
/// wrote it (SaveChanges, ExecuteUpdate/Delete, Identity): once when the statement ran and again
/// when its transaction committed, so a page rendered from what was there before is never kept.
/// A page whose rendering overlapped a write is not stored at all (<see cref="Generation"/>).
/// Writes that no shared page shows (the health check's heartbeat, the mail outbox) are left out.
/// </summary>
public sealed partial class SharedPageEviction(IOutputCacheStore store) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<string> Unseen = new(StringComparer.OrdinalIgnoreCase) { "Heartbeats", "OutgoingMails" };

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbTransaction, object> _writing = [];
    private long _generation;

    /// <summary>Moves on with every write; a page stored at the end of its rendering must have begun in the same generation.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    // A write statement and its table, at the start of any statement of the command: SQL Server's
    // batches begin with SET options and insert several rows with MERGE; PostgreSQL's and SQLite's
    // batches put several statements in one command.
    [GeneratedRegex(@"(?:^|;)\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|MERGE(?:\s+INTO)?)\s+(?:\[dbo\]\.)?[""`\[]?(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Write();

    private bool IsShownWrite(DbCommand command)
    {
        if (!Write().Matches(command.CommandText).Any(match => !Unseen.Contains(match.Groups[1].Value)))
        {
            return false;
        }
        if (command.Transaction is { } transaction)
        {
            _writing.AddOrUpdate(transaction, this);
        }
        return true;
    }

    /// <summary>Raised after every eviction caused by a write here, for other instances to evict theirs (ScaleOut).</summary>
    public event Action? Evicted;

    public void Evict()
    {
        EvictHere();
        Evicted?.Invoke();
    }

    /// <summary>Another instance wrote: this instance's shared pages go too.</summary>
    public void EvictHere()
    {
        Interlocked.Increment(ref _generation);
        var eviction = store.EvictByTagAsync(SharedPages.Tag, CancellationToken.None);
        if (!eviction.IsCompletedSuccessfully)
        {
            eviction.AsTask().GetAwaiter().GetResult();
        }
    }

    private async ValueTask EvictAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        await store.EvictByTagAsync(SharedPages.Tag, cancellationToken);
        Evicted?.Invoke();
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (IsShownWrite(command))
        {
            Evict();
        }
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (IsShownWrite(command))
        {
            await EvictAsync(cancellationToken);
        }
        return result;
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (IsShownWrite(command))
        {
            Evict();
        }
        return result;
    }

    public async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (IsShownWrite(command))
        {
            await EvictAsync(cancellationToken);
        }
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        if (IsShownWrite(command))
        {
            Evict();
        }
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        if (IsShownWrite(command))
        {
            await EvictAsync(cancellationToken);
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_writing.Remove(transaction))
        {
            Evict();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_writing.Remove(transaction))
        {
            await EvictAsync(cancellationToken);
        }
    }
}
