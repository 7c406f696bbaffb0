using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Accounts;
using PlayDay.Web.Data;

namespace PlayDay.Web.Mail;

public static class MailEndpoints
{
    /// <summary>Organizers open the .eml files written to the pickup folder when no SMTP server is set.</summary>
    public static IEndpointRouteBuilder MapPlayDayMail(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/playdays/{id:int}/mail/{mailId:int}.eml", async (int id, int mailId, PlayDayDbContext db, MailSender sender) =>
        {
            var mail = await db.OutgoingMails.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailId && m.PlayDayId == id);
            if (mail?.PickupFile is not { } file || !File.Exists(Path.Combine(sender.PickupDirectory, file)))
            {
                return Results.NotFound("That message was not written to the pickup folder.");
            }
            return Results.File(Path.Combine(sender.PickupDirectory, file), "message/rfc822", file);
        }).RequireAuthorization(Roles.Organizer);
        return endpoints;
    }
}
