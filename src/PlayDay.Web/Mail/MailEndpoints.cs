using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

public static class MailEndpoints
{
    public const string PickupFileName = "PickupFile";

    /// <summary>Organizers open the .eml files written to the pickup folder when no SMTP server is set.</summary>
    public static IEndpointRouteBuilder MapPlayDayMail(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/playdays/{id:int}/mail/{mailId:int}.eml", PickupFileAsync).WithName(PickupFileName).RequireAuthorization(Roles.Organizer);
        return endpoints;
    }

    /// <summary>The .eml file a play day's email was written to.</summary>
    public static string PickupFilePath(this LinkGenerator links, int playDayId, int mailId) =>
        links.GetPathByName(PickupFileName, new { id = playDayId, mailId }) ?? throw new InvalidOperationException($"No endpoint is named {PickupFileName}.");

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> PickupFileAsync(int id, int mailId, PlayDayDbContext db, MailSender sender)
    {
        var mail = await db.OutgoingMails.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailId && m.PlayDayId == id);
        if (mail?.PickupFile is not { } file || !File.Exists(Path.Combine(sender.PickupDirectory, file)))
        {
            return TypedResults.Problem("That message was not written to the pickup folder.", statusCode: StatusCodes.Status404NotFound);
        }
        return TypedResults.PhysicalFile(Path.Combine(sender.PickupDirectory, file), "message/rfc822", file);
    }
}
