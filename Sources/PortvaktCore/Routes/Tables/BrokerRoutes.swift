extension RouteTables {
    /// Altinn Formidling (altinn-broker `src/Altinn.Broker.API/Controllers/`, TUS in `Tus/TusEndpointExtensions.cs`).
    static let broker: [RouteDefinition] = {
        let api = "/broker/api/v1"
        let filetransfer = "\(api)/filetransfer"
        let tus = "\(filetransfer)/upload/tus"
        return [
            .init(.post, filetransfer, "broker.filetransfer.initialize"),
            .init(.post, "\(filetransfer)/upload", "broker.filetransfer.initializeandupload"),
            .init(.post, "\(filetransfer)/{fileTransferId}/upload", "broker.filetransfer.upload"),
            .init(.get, filetransfer, "broker.filetransfer.search"),
            .init(.get, "\(filetransfer)/{fileTransferId}", "broker.filetransfer.status"),
            .init(.get, "\(filetransfer)/{fileTransferId}/details", "broker.filetransfer.details"),
            .init(.get, "\(filetransfer)/{fileTransferId}/download", "broker.filetransfer.download"),
            .init(.post, "\(filetransfer)/{fileTransferId}/confirmdownload", "broker.filetransfer.confirmdownload"),

            // TUS 1.0.0 resumable upload; HEAD here asks for the offset, so it is not the GET route.
            .init(.options, tus, "broker.filetransfer.tus.options"),
            .init(.post, tus, "broker.filetransfer.tus.create"),
            .init(.options, "\(tus)/{fileTransferId}", "broker.filetransfer.tus.options"),
            .init(.post, "\(tus)/{fileTransferId}", "broker.filetransfer.tus.create"),
            .init(.head, "\(tus)/{fileTransferId}", "broker.filetransfer.tus.offset"),
            .init(.patch, "\(tus)/{fileTransferId}", "broker.filetransfer.tus.append"),
            .init(.delete, "\(tus)/{fileTransferId}", "broker.filetransfer.tus.terminate"),
            .init(.post, "\(tus)/{fileTransferId}/partial", "broker.filetransfer.tus.partial.create"),
            .init(.head, "\(tus)/{fileTransferId}/partial/{partialUploadId}", "broker.filetransfer.tus.partial.offset"),
            .init(
                .patch, "\(tus)/{fileTransferId}/partial/{partialUploadId}", "broker.filetransfer.tus.partial.append"),
            .init(
                .delete, "\(tus)/{fileTransferId}/partial/{partialUploadId}",
                "broker.filetransfer.tus.partial.terminate"
            ),

            .init(.put, "\(api)/resource/{resourceId}", "broker.resource.configure"),
            .init(.get, "\(api)/resource/{resourceId}", "broker.resource.get"),
            .init(.post, "\(api)/serviceowner", "broker.serviceowner.create"),
            .init(.get, "\(api)/serviceowner", "broker.serviceowner.get"),
            .init(.get, "\(api)/statistics/monthly", "broker.statistics.monthly"),
            .init(.post, "\(api)/statistics/generate-daily-summary", "broker.statistics.dailysummary.generate"),
            .init(
                .post, "\(api)/statistics/generate-and-download-daily-summary",
                "broker.statistics.dailysummary.download"
            ),
        ]
    }()
}
