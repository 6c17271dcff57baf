/// An ISO 6523 party claim as Maskinporten writes it: `{"authority": "iso6523-actorid-upis", "ID": "0192:…"}`.
/// The identifier's key is read case-insensitively, since Altinn's examples also write `id`.
struct OrganizationClaim: Decodable {
    var identifier: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ClaimKey.self)
        guard let key = container.allKeys.first(where: { $0.stringValue.lowercased() == "id" }) else { return }
        identifier = try container.decode(String.self, forKey: key)
    }
}
