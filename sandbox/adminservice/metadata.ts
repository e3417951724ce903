/** A minimal `$metadata` document: the health probe only needs a 200 with an EDMX body (configmgr-adminservice.md §1). */
export const ADMINSERVICE_METADATA = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="AdminService" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="Device"><Key><PropertyRef Name="MachineId"/></Key><Property Name="MachineId" Type="Edm.Int64" Nullable="false"/><Property Name="Name" Type="Edm.String"/></EntityType>
      <EntityType Name="Collection"><Key><PropertyRef Name="CollectionId"/></Key><Property Name="CollectionId" Type="Edm.String" Nullable="false"/><Property Name="Name" Type="Edm.String"/></EntityType>
      <EntityContainer Name="Container"><EntitySet Name="Device" EntityType="AdminService.Device"/><EntitySet Name="Collections" EntityType="AdminService.Collection"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
