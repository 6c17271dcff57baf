extension RouteTables {
    /// Altinn Melding (altinn-correspondence `src/Altinn.Correspondence.API/Controllers/`).
    static let correspondence: [RouteDefinition] = {
        let correspondence = "/correspondence/api/v1/correspondence"
        let attachment = "/correspondence/api/v1/attachment"
        return [
            .init(.post, correspondence, "correspondence.correspondence.initialize"),
            .init(.post, "\(correspondence)/upload", "correspondence.correspondence.upload"),
            .init(.get, correspondence, "correspondence.correspondence.list"),
            .init(.get, "\(correspondence)/{correspondenceId}", "correspondence.correspondence.get"),
            .init(.get, "\(correspondence)/{correspondenceId}/details", "correspondence.correspondence.details"),
            .init(.get, "\(correspondence)/{correspondenceId}/content", "correspondence.correspondence.content"),
            .init(.post, "\(correspondence)/{correspondenceId}/markasread", "correspondence.correspondence.markasread"),
            .init(.post, "\(correspondence)/{correspondenceId}/confirm", "correspondence.correspondence.confirm"),
            .init(.delete, "\(correspondence)/{correspondenceId}/purge", "correspondence.correspondence.purge"),
            .init(
                .get, "\(correspondence)/{correspondenceId}/attachment/{attachmentId}/download",
                "correspondence.correspondence.attachment.download"
            ),
            .init(
                .get, "\(correspondence)/{correspondenceId}/attachments/downloadall",
                "correspondence.correspondence.attachments.downloadall"
            ),
            .init(.post, "\(correspondence)/{correspondenceId}/forward", "correspondence.correspondence.forward"),
            .init(
                .get, "\(correspondence)/{correspondenceId}/forward/check",
                "correspondence.correspondence.forward.check"),
            .init(
                .get, "\(correspondence)/{correspondenceId}/notification/check",
                "correspondence.correspondence.notification.check"
            ),
            .init(
                .get, "\(correspondence)/{correspondenceId}/notification/check/main",
                "correspondence.correspondence.notification.checkmain"
            ),

            .init(.post, attachment, "correspondence.attachment.initialize"),
            .init(.post, "\(attachment)/{attachmentId}/upload", "correspondence.attachment.upload"),
            .init(.get, "\(attachment)/{attachmentId}", "correspondence.attachment.get"),
            .init(.get, "\(attachment)/{attachmentId}/details", "correspondence.attachment.details"),
            .init(.delete, "\(attachment)/{attachmentId}", "correspondence.attachment.purge"),
            .init(.get, "\(attachment)/{attachmentId}/download", "correspondence.attachment.download"),
        ]
    }()
}
