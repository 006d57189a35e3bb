/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AlertRules {\n    alertRules {\n      id\n      name\n      kind\n      metric\n      direction\n      threshold\n      periodDays\n      daysBefore\n      platformIds\n      channels\n      recipients\n      quietHours\n      emailDigest\n      digestHour\n      enabled\n      lastFiredAt\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n": typeof types.AlertRulesDocument,
    "\n  query AlertEvents($first: Int, $after: String) {\n    alertEvents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleName\n          kind\n          message\n          link\n          firedAt\n        }\n      }\n    }\n  }\n": typeof types.AlertEventsDocument,
    "\n  mutation CreateAlertRule($input: CreateAlertRuleInput!) {\n    createAlertRule(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateAlertRuleDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: UpdateAlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n": typeof types.UpdateAlertRuleDocument,
    "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n": typeof types.DeleteAlertRuleDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  query Notifications($first: Int, $unreadOnly: Boolean) {\n    notifications(first: $first, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          message\n          link\n          readAt\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query AcceptInvitationMe {\n    me {\n      id\n      email\n    }\n  }\n": typeof types.AcceptInvitationMeDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      viewerRole\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      email\n      nextStep\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation ResendVerification {\n    resendVerificationEmail\n  }\n": typeof types.ResendVerificationDocument,
    "\n  query MailSetup {\n    serverSetup {\n      mailDelivery\n    }\n  }\n": typeof types.MailSetupDocument,
    "\n  query DevOutbox {\n    myDevOutbox {\n      id\n      kind\n      link\n    }\n  }\n": typeof types.DevOutboxDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      email\n      isVerified\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      isVerified\n      role\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n      profile {\n        id\n        timezone\n        onboardingCompleted\n        brandName\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n": typeof types.UpdateCategoryDocument,
    "\n  mutation DeleteCategory($id: ID!) {\n    deleteCategory(id: $id)\n  }\n": typeof types.DeleteCategoryDocument,
    "\n  mutation AssignCategories($activityId: ID!, $categoryIds: [ID!]!) {\n    assignCategories(activityId: $activityId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n        colorCode\n      }\n    }\n  }\n": typeof types.AssignCategoriesDocument,
    "\n  fragment InsightCard_AiInsight on AiInsight {\n    id\n    title\n    description\n    priority\n    insightType\n    isRead\n    isDismissed\n    createdAt\n    lastConfirmedAt\n    evidence {\n      howWeKnow\n      method\n      groupSize\n      restSize\n      period {\n        from\n        to\n      }\n      accounts {\n        platformId\n        name\n      }\n      posts {\n        platformIds\n        type\n        hashtag\n        hours\n        weekdays\n        from\n        to\n      }\n    }\n  }\n": typeof types.InsightCard_AiInsightFragmentDoc,
    "\n  mutation MarkInsightRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n": typeof types.MarkInsightReadDocument,
    "\n  mutation DismissInsight($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n": typeof types.DismissInsightDocument,
    "\n  query Insights($filter: InsightFilterInput, $first: Int, $after: String) {\n    insights(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...InsightCard_AiInsight\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InsightsDocument,
    "\n  query Recommendations($first: Int, $after: String) {\n    recommendations(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecommendationCard_ContentRecommendation\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RecommendationsDocument,
    "\n  query Patterns {\n    performancePatterns {\n      id\n      patternType\n      patternName\n      successRate\n      sampleSize\n    }\n  }\n": typeof types.PatternsDocument,
    "\n  mutation InsightsPageMarkRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n": typeof types.InsightsPageMarkReadDocument,
    "\n  mutation InsightsPageDismiss($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n": typeof types.InsightsPageDismissDocument,
    "\n  fragment RecommendationCard_ContentRecommendation on ContentRecommendation {\n    id\n    title\n    description\n    recommendationType\n    score\n    feedbackScore\n    isUsed\n    usedAt\n    contentBrief\n    insightId\n    basis {\n      sources\n      own {\n        posts\n      }\n      industry {\n        industry\n        brands\n      }\n    }\n  }\n": typeof types.RecommendationCard_ContentRecommendationFragmentDoc,
    "\n  mutation RateRecommendation($id: ID!, $score: Int!) {\n    rateRecommendation(id: $id, score: $score) {\n      id\n      feedbackScore\n      score\n    }\n  }\n": typeof types.RateRecommendationDocument,
    "\n  mutation MarkRecommendationUsed($id: ID!) {\n    markRecommendationUsed(id: $id) {\n      id\n      isUsed\n      usedAt\n      score\n    }\n  }\n": typeof types.MarkRecommendationUsedDocument,
    "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          action\n          at\n          ip\n          targetType\n          targetId\n          details\n          actor {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query Members {\n    members {\n      userId\n      name\n      email\n      role\n      joinedAt\n      isActive\n    }\n  }\n": typeof types.MembersDocument,
    "\n  query Invitations {\n    invitations {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n      createdAt\n      invitedBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.InvitationsDocument,
    "\n  mutation Invite($email: String!, $role: WorkspaceRole!) {\n    invite(email: $email, role: $role) {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n    }\n  }\n": typeof types.InviteDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      expiresAt\n      isExpired\n    }\n  }\n": typeof types.ResendInvitationDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation ChangeRole($userId: ID!, $role: WorkspaceRole!) {\n    changeRole(userId: $userId, role: $role) {\n      userId\n      role\n    }\n  }\n": typeof types.ChangeRoleDocument,
    "\n  mutation RemoveMember($userId: ID!) {\n    removeMember(userId: $userId) {\n      userId\n      isActive\n    }\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation DeleteWorkspace($id: ID!, $password: String!) {\n    deleteWorkspace(id: $id, password: $password)\n  }\n": typeof types.DeleteWorkspaceDocument,
    "\n  mutation LeaveWorkspace {\n    leaveWorkspace\n  }\n": typeof types.LeaveWorkspaceDocument,
    "\n  mutation TransferOwnership($userId: ID!, $password: String!) {\n    transferOwnership(userId: $userId, password: $password) {\n      userId\n      role\n    }\n  }\n": typeof types.TransferOwnershipDocument,
    "\n  query OAuthConsent($clientId: String!, $redirectUri: String, $scope: String) {\n    oauthConsentRequest(clientId: $clientId, redirectUri: $redirectUri, scope: $scope) {\n      appName\n      clientId\n      redirectUri\n      scopes\n    }\n  }\n": typeof types.OAuthConsentDocument,
    "\n  query Onboarding {\n    me {\n      id\n      name\n      company\n      profile {\n        id\n        onboardingCompleted\n        ...BrandForm_UserProfile\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n      sandbox\n    }\n  }\n": typeof types.OnboardingDocument,
    "\n  mutation CompleteOnboarding($input: CompleteOnboardingInput!) {\n    completeOnboarding(input: $input) {\n      id\n      onboardingCompleted\n    }\n  }\n": typeof types.CompleteOnboardingDocument,
    "\n  fragment AudienceDemographics_Demographics on Demographics {\n    ageGroups {\n      range\n      share\n    }\n    genderSplit {\n      female\n      male\n      other\n    }\n    locations {\n      country\n      city\n      share\n    }\n  }\n": typeof types.AudienceDemographics_DemographicsFragmentDoc,
    "\n  query OverviewAudience {\n    audienceDemographics {\n      platforms {\n        platformId\n        platformType\n        date\n        followers\n        platform {\n          id\n          username\n          displayName\n        }\n        demographics {\n          ...AudienceDemographics_Demographics\n        }\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n  }\n": typeof types.OverviewAudienceDocument,
    "\n  fragment BestTimesHeatmap_BestTimes on BestTimes {\n    timezone\n    rateLabel\n    totalPosts\n    accounts\n    minPosts\n    accountAverage\n    cells {\n      dayOfWeek\n      hour\n      value\n      low\n      high\n      posts\n      source\n      sourcePosts\n    }\n    best {\n      dayOfWeek\n      hour\n      value\n      low\n      posts\n    }\n  }\n": typeof types.BestTimesHeatmap_BestTimesFragmentDoc,
    "\n  query HistoryPlans {\n    plans {\n      tier\n      historyDays\n      priceCents\n    }\n  }\n": typeof types.HistoryPlansDocument,
    "\n  fragment OverviewKpis_Overview on Overview {\n    rateLabel\n    followers {\n      value\n      previous\n      deltaPercent\n    }\n    followerGrowth {\n      value\n      previous\n      deltaPercent\n    }\n    posts {\n      value\n      previous\n      deltaPercent\n    }\n    engagements {\n      value\n      previous\n      deltaPercent\n    }\n    engagementRate {\n      value\n      previous\n      deltaPercent\n    }\n    reach {\n      value\n      previous\n      deltaPercent\n    }\n    impressions {\n      value\n      previous\n      deltaPercent\n    }\n    views {\n      value\n      previous\n      deltaPercent\n    }\n  }\n": typeof types.OverviewKpis_OverviewFragmentDoc,
    "\n  query OverviewKpis($input: OverviewInput!) {\n    overview(input: $input) {\n      range {\n        from\n        to\n      }\n      comparisonRange {\n        from\n        to\n      }\n      ...OverviewKpis_Overview\n    }\n    platforms {\n      id\n    }\n  }\n": typeof types.OverviewKpisDocument,
    "\n  query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {\n    followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementsReceived: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS_RECEIVED }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) {\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n  }\n": typeof types.OverviewTrendsDocument,
    "\n  query OverviewBreakdown($input: AnalyticsInput!) {\n    platformBreakdown(input: $input) {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      reach\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n  }\n": typeof types.OverviewBreakdownDocument,
    "\n  query OverviewBestTimes($input: BestTimesInput!) {\n    bestTimesToPost(input: $input) {\n      ...BestTimesHeatmap_BestTimes\n    }\n  }\n": typeof types.OverviewBestTimesDocument,
    "\n  query OverviewTopPosts($input: TopActivitiesInput!) {\n    topActivities(input: $input) {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.OverviewTopPostsDocument,
    "\n  query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {\n    contentTypePerformance(input: $input) {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      lift\n      rateLabel\n    }\n    hashtagPerformance(input: $hashtags) {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n        successRate\n      }\n    }\n  }\n": typeof types.OverviewContentDocument,
    "\n  query OverviewInsights {\n    insights(filter: { priorities: [HIGH] }, first: 3) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          isRead\n          insightType\n        }\n      }\n    }\n  }\n": typeof types.OverviewInsightsDocument,
    "\n  mutation ExportCsv($input: ExportCsvInput!) {\n    exportCsv(input: $input) {\n      filename\n      rowCount\n      csv\n      downloadUrl\n    }\n  }\n": typeof types.ExportCsvDocument,
    "\n  query PendingConnection($id: ID!) {\n    pendingConnection(id: $id) {\n      id\n      type\n      expiresAt\n      remainingSlots\n      choices {\n        id\n        name\n        username\n        avatarUrl\n        detail\n        connected\n        available\n      }\n    }\n  }\n": typeof types.PendingConnectionDocument,
    "\n  mutation CompleteConnection($input: CompleteConnectionInput!) {\n    completeConnection(input: $input) {\n      id\n      type\n      displayName\n    }\n  }\n": typeof types.CompleteConnectionDocument,
    "\n  mutation ConnectPlatform($input: ConnectPlatformInput!) {\n    connectPlatform(input: $input) {\n      authorizeUrl\n      platform {\n        id\n        type\n      }\n    }\n  }\n": typeof types.ConnectPlatformDocument,
    "\n  query ConnectSetup {\n    serverSetup {\n      platforms {\n        type\n        configured\n      }\n    }\n  }\n": typeof types.ConnectSetupDocument,
    "\n  fragment PlatformCard_Platform on Platform {\n    id\n    type\n    username\n    displayName\n    followerCount\n    status\n    sandbox\n    lastSyncedAt\n    nextManualSyncAt\n    health {\n      healthy\n      canRefresh\n      status\n      sandbox\n      tokenExpiresAt\n      refreshTokenExpiresAt\n      needsReauthBy\n      lastError\n      lastErrorAt\n      warnings\n      rateLimit {\n        remaining\n        limit\n        unit\n        resetAt\n      }\n      apiVersion\n      apiVersionSunsetsAt\n      postReads {\n        account\n        used\n        budget\n        remaining\n      }\n    }\n  }\n": typeof types.PlatformCard_PlatformFragmentDoc,
    "\n  mutation SyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.SyncPlatformDocument,
    "\n  mutation DisconnectPlatform($id: ID!) {\n    disconnectPlatform(id: $id)\n  }\n": typeof types.DisconnectPlatformDocument,
    "\n  query Platforms {\n    platforms {\n      id\n      type\n      ...PlatformCard_Platform\n    }\n    activeWorkspace {\n      id\n      accountsConnected\n    }\n  }\n": typeof types.PlatformsDocument,
    "\n  subscription PlatformSyncProgress($platformId: ID!) {\n    syncProgress(platformId: $platformId) {\n      platformId\n      phase\n      done\n      total\n      activeJobs\n      finished\n      status\n      message\n      errorMessage\n    }\n  }\n": typeof types.PlatformSyncProgressDocument,
    "\n  query PostDecay($activityId: ID!) {\n    postDecay(activityId: $activityId) {\n      halfLifeDays\n      daysTo90Percent\n      latestEngagements\n      points {\n        day\n        engagements\n        shareOfLatest\n      }\n    }\n  }\n": typeof types.PostDecayDocument,
    "\n  query PostDetail($id: ID!) {\n    activity(id: $id) {\n      id\n      content\n      type\n      publishedAt\n      permalink\n      hashtags\n      isPublished\n      isScheduled\n      scheduledFor\n      metricsUpdatedAt\n      engagementRate\n      rateLabel\n      engagement {\n        likes\n        comments\n        shares\n        saves\n        reach\n        impressions\n        views\n        total\n      }\n      platform {\n        id\n        type\n        username\n        displayName\n        createdAt\n      }\n      categories {\n        id\n        name\n        colorCode\n      }\n      metrics {\n        id\n        ...PostMetric_ActivityMetric\n      }\n    }\n  }\n": typeof types.PostDetailDocument,
    "\n  fragment PostMetric_ActivityMetric on ActivityMetric {\n    id\n    date\n    engagementRate\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      impressions\n      views\n    }\n  }\n": typeof types.PostMetric_ActivityMetricFragmentDoc,
    "\n  query PostFilterOptions {\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": typeof types.PostFilterOptionsDocument,
    "\n  query Posts($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {\n    activities(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PostRow_Activity\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PostsDocument,
    "\n  fragment PostRow_Activity on Activity {\n    id\n    content\n    type\n    publishedAt\n    hashtags\n    engagementRate\n    rateLabel\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      total\n    }\n    platform {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": typeof types.PostRow_ActivityFragmentDoc,
    "\n  query MyReferral {\n    myReferral {\n      code\n      shareUrl\n      commissionRate\n      holdDays\n      pendingCount\n      convertedCount\n      paidCount\n      earnedCents\n      paidCents\n    }\n  }\n": typeof types.MyReferralDocument,
    "\n  query ReferralsSignups($first: Int, $after: String) {\n    myReferralSignups(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          signupDate\n          conversionStatus\n          convertedTier\n          commissionCents\n          refereeName\n          refereeEmailMasked\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ReferralsSignupsDocument,
    "\n  mutation RotateReferralCode {\n    rotateReferralCode {\n      code\n      shareUrl\n    }\n  }\n": typeof types.RotateReferralCodeDocument,
    "\n  query ReportEdit($id: ID!) {\n    customReport(id: $id) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n": typeof types.ReportEditDocument,
    "\n  mutation SaveReport($id: ID!, $input: UpdateCustomReportInput!) {\n    updateCustomReport(id: $id, input: $input) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      updatedAt\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n  }\n": typeof types.SaveReportDocument,
    "\n  fragment ReportDocument_ReportData on ReportData {\n    range {\n      from\n      to\n    }\n    comparisonRange {\n      from\n      to\n    }\n    comparison\n    timezone\n    generatedAt\n    sections\n    showSoashMark\n    missingPlatformIds\n    report {\n      name\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n      }\n    }\n    kpis {\n      ...OverviewKpis_Overview\n    }\n    followers {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagements {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate {\n      granularity\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n    accounts {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n    topPosts {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n    contentTypes {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      rateLabel\n    }\n    hashtags {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n      }\n    }\n    bestTimes {\n      ...BestTimesHeatmap_BestTimes\n    }\n    demographics {\n      platforms {\n        platformId\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n    insights {\n      id\n      title\n      description\n      priority\n    }\n  }\n": typeof types.ReportDocument_ReportDataFragmentDoc,
    "\n  query ReportSchedules($reportId: ID!) {\n    reportSchedules(reportId: $reportId) {\n      id\n      frequency\n      weekday\n      dayOfMonth\n      hour\n      paper\n      memberIds\n      emails\n      enabled\n      nextRunAt\n      lastRunAt\n      timezone\n      description\n    }\n    members {\n      userId\n      name\n      email\n      isActive\n    }\n  }\n": typeof types.ReportSchedulesDocument,
    "\n  query ReportScheduleDeliveries($scheduleId: ID!, $first: Int, $after: String) {\n    reportDeliveries(scheduleId: $scheduleId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          scheduledFor\n          createdAt\n          attemptCount\n          nextAttemptAt\n          error\n          rangeFrom\n          rangeTo\n          timezone\n          recipients {\n            email\n            status\n            reason\n          }\n        }\n      }\n    }\n  }\n": typeof types.ReportScheduleDeliveriesDocument,
    "\n  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {\n    createReportSchedule(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateReportScheduleDocument,
    "\n  mutation UpdateReportSchedule($id: ID!, $input: UpdateReportScheduleInput!) {\n    updateReportSchedule(id: $id, input: $input) {\n      id\n      nextRunAt\n    }\n  }\n": typeof types.UpdateReportScheduleDocument,
    "\n  mutation PauseReportSchedule($id: ID!) {\n    pauseReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n": typeof types.PauseReportScheduleDocument,
    "\n  mutation ResumeReportSchedule($id: ID!) {\n    resumeReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n": typeof types.ResumeReportScheduleDocument,
    "\n  mutation DeleteReportSchedule($id: ID!) {\n    deleteReportSchedule(id: $id)\n  }\n": typeof types.DeleteReportScheduleDocument,
    "\n  mutation RetryReportDelivery($id: ID!) {\n    retryReportDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RetryReportDeliveryDocument,
    "\n  query ReportView($id: ID!) {\n    reportData(id: $id) {\n      ...ReportDocument_ReportData\n    }\n  }\n": typeof types.ReportViewDocument,
    "\n  query Reports {\n    customReports {\n      id\n      name\n      updatedAt\n      sections\n      range {\n        preset\n        from\n        to\n      }\n    }\n  }\n": typeof types.ReportsDocument,
    "\n  mutation CreateReport($input: CreateCustomReportInput!) {\n    createCustomReport(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateReportDocument,
    "\n  mutation RenameReport($id: ID!, $name: String!) {\n    updateCustomReport(id: $id, input: { name: $name }) {\n      id\n      name\n      updatedAt\n    }\n  }\n": typeof types.RenameReportDocument,
    "\n  mutation DeleteReport($id: ID!) {\n    deleteCustomReport(id: $id)\n  }\n": typeof types.DeleteReportDocument,
    "\n  query ReportShareLinks($reportId: ID!) {\n    reportShareLinks(reportId: $reportId) {\n      id\n      label\n      expiresAt\n      hasPassword\n      revokedAt\n      viewCount\n      lastViewedAt\n      createdAt\n    }\n  }\n": typeof types.ReportShareLinksDocument,
    "\n  mutation CreateReportShareLink($input: CreateReportShareLinkInput!) {\n    createReportShareLink(input: $input) {\n      url\n      link {\n        id\n        label\n      }\n    }\n  }\n": typeof types.CreateReportShareLinkDocument,
    "\n  mutation RevokeReportShareLink($id: ID!) {\n    revokeReportShareLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeReportShareLinkDocument,
    "\n  query SharedReport($token: String!, $password: String) {\n    sharedReport(token: $token, password: $password) {\n      expiresAt\n      data {\n        ...ReportDocument_ReportData\n      }\n    }\n  }\n": typeof types.SharedReportDocument,
    "\n  mutation UnsubscribeReportEmail($token: String!) {\n    unsubscribeReportEmail(token: $token) {\n      email\n      reportName\n    }\n  }\n": typeof types.UnsubscribeReportEmailDocument,
    "\n  mutation ExportReport($id: ID!, $format: ReportExportFormat!, $paper: ReportPaper) {\n    exportReport(id: $id, format: $format, paper: $paper) {\n      filename\n      downloadUrl\n    }\n  }\n": typeof types.ExportReportDocument,
    "\n  fragment AccountForm_User on User {\n    id\n    name\n    firstName\n    lastName\n    company\n    email\n  }\n": typeof types.AccountForm_UserFragmentDoc,
    "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) {\n      id\n      ...AccountForm_User\n    }\n  }\n": typeof types.UpdateAccountDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      createdAt\n      createdByName\n      lastUsedAt\n      lastUsedIp\n      previousSecretExpiresAt\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation RotateApiKey($id: ID!, $overlapHours: Int!) {\n    rotateApiKey(id: $id, overlapHours: $overlapHours) {\n      secret\n      apiKey {\n        id\n        name\n        previousSecretExpiresAt\n      }\n    }\n  }\n": typeof types.RotateApiKeyDocument,
    "\n  fragment BrandForm_UserProfile on UserProfile {\n    id\n    brandName\n    brandDescription\n    industry\n    targetAudience\n    brandValues\n    businessGoals\n    timezone\n  }\n": typeof types.BrandForm_UserProfileFragmentDoc,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      onboardingCompleted\n      ...BrandForm_UserProfile\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  query ConnectedApps {\n    connectedApps {\n      id\n      appName\n      workspaceId\n      workspaceName\n      scopes\n      createdAt\n      lastUsedAt\n    }\n  }\n": typeof types.ConnectedAppsDocument,
    "\n  mutation RevokeConnectedApp($id: ID!) {\n    revokeConnectedApp(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeConnectedAppDocument,
    "\n  mutation LogoutEverywhere {\n    logout(allSessions: true)\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": typeof types.DeleteAccountDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Plans {\n    plans {\n      tier\n      maxPlatforms\n      historyDays\n      priceCents\n    }\n    me {\n      id\n      subscriptionTier\n    }\n    billing {\n      charges\n      provider\n    }\n  }\n": typeof types.PlansDocument,
    "\n  mutation ChangeSubscription($tier: SubscriptionTier!) {\n    changeSubscription(tier: $tier) {\n      id\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n  }\n": typeof types.ChangeSubscriptionDocument,
    "\n  query Settings {\n    me {\n      id\n      ...AccountForm_User\n      profile {\n        id\n        ...BrandForm_UserProfile\n      }\n    }\n  }\n": typeof types.SettingsDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      events\n      description\n      enabled\n      createdAt\n      failingSince\n      lastSuccessAt\n      disabledAt\n      disabledReason\n      secretRotatedAt\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          messageId\n          status\n          attemptCount\n          nextAttemptAt\n          lastAttemptAt\n          responseStatus\n          durationMs\n          error\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      enabled\n      disabledAt\n      disabledReason\n      failingSince\n    }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        id\n        url\n        secretRotatedAt\n      }\n    }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      id\n      status\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  mutation CreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) {\n      id\n      name\n      viewerRole\n    }\n  }\n": typeof types.CreateWorkspaceDocument,
    "\n  query ShellWorkspaces {\n    activeWorkspace {\n      id\n      name\n      viewerRole\n      ownerId\n      memberCount\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n    workspaces {\n      id\n      name\n      viewerRole\n    }\n  }\n": typeof types.ShellWorkspacesDocument,
    "\n  query ClientTestMe {\n    me {\n      id\n    }\n  }\n": typeof types.ClientTestMeDocument,
    "\n  query WorkspaceTestMe {\n    me {\n      id\n    }\n  }\n": typeof types.WorkspaceTestMeDocument,
};
const documents: Documents = {
    "\n  query AlertRules {\n    alertRules {\n      id\n      name\n      kind\n      metric\n      direction\n      threshold\n      periodDays\n      daysBefore\n      platformIds\n      channels\n      recipients\n      quietHours\n      emailDigest\n      digestHour\n      enabled\n      lastFiredAt\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n": types.AlertRulesDocument,
    "\n  query AlertEvents($first: Int, $after: String) {\n    alertEvents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleName\n          kind\n          message\n          link\n          firedAt\n        }\n      }\n    }\n  }\n": types.AlertEventsDocument,
    "\n  mutation CreateAlertRule($input: CreateAlertRuleInput!) {\n    createAlertRule(input: $input) {\n      id\n    }\n  }\n": types.CreateAlertRuleDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: UpdateAlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n": types.UpdateAlertRuleDocument,
    "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n": types.DeleteAlertRuleDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": types.UnreadNotificationCountDocument,
    "\n  query Notifications($first: Int, $unreadOnly: Boolean) {\n    notifications(first: $first, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          message\n          link\n          readAt\n          createdAt\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query AcceptInvitationMe {\n    me {\n      id\n      email\n    }\n  }\n": types.AcceptInvitationMeDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      viewerRole\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      email\n      nextStep\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation ResendVerification {\n    resendVerificationEmail\n  }\n": types.ResendVerificationDocument,
    "\n  query MailSetup {\n    serverSetup {\n      mailDelivery\n    }\n  }\n": types.MailSetupDocument,
    "\n  query DevOutbox {\n    myDevOutbox {\n      id\n      kind\n      link\n    }\n  }\n": types.DevOutboxDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      email\n      isVerified\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      isVerified\n      role\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n      profile {\n        id\n        timezone\n        onboardingCompleted\n        brandName\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": types.CategoriesDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n": types.UpdateCategoryDocument,
    "\n  mutation DeleteCategory($id: ID!) {\n    deleteCategory(id: $id)\n  }\n": types.DeleteCategoryDocument,
    "\n  mutation AssignCategories($activityId: ID!, $categoryIds: [ID!]!) {\n    assignCategories(activityId: $activityId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n        colorCode\n      }\n    }\n  }\n": types.AssignCategoriesDocument,
    "\n  fragment InsightCard_AiInsight on AiInsight {\n    id\n    title\n    description\n    priority\n    insightType\n    isRead\n    isDismissed\n    createdAt\n    lastConfirmedAt\n    evidence {\n      howWeKnow\n      method\n      groupSize\n      restSize\n      period {\n        from\n        to\n      }\n      accounts {\n        platformId\n        name\n      }\n      posts {\n        platformIds\n        type\n        hashtag\n        hours\n        weekdays\n        from\n        to\n      }\n    }\n  }\n": types.InsightCard_AiInsightFragmentDoc,
    "\n  mutation MarkInsightRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n": types.MarkInsightReadDocument,
    "\n  mutation DismissInsight($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n": types.DismissInsightDocument,
    "\n  query Insights($filter: InsightFilterInput, $first: Int, $after: String) {\n    insights(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...InsightCard_AiInsight\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InsightsDocument,
    "\n  query Recommendations($first: Int, $after: String) {\n    recommendations(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecommendationCard_ContentRecommendation\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RecommendationsDocument,
    "\n  query Patterns {\n    performancePatterns {\n      id\n      patternType\n      patternName\n      successRate\n      sampleSize\n    }\n  }\n": types.PatternsDocument,
    "\n  mutation InsightsPageMarkRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n": types.InsightsPageMarkReadDocument,
    "\n  mutation InsightsPageDismiss($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n": types.InsightsPageDismissDocument,
    "\n  fragment RecommendationCard_ContentRecommendation on ContentRecommendation {\n    id\n    title\n    description\n    recommendationType\n    score\n    feedbackScore\n    isUsed\n    usedAt\n    contentBrief\n    insightId\n    basis {\n      sources\n      own {\n        posts\n      }\n      industry {\n        industry\n        brands\n      }\n    }\n  }\n": types.RecommendationCard_ContentRecommendationFragmentDoc,
    "\n  mutation RateRecommendation($id: ID!, $score: Int!) {\n    rateRecommendation(id: $id, score: $score) {\n      id\n      feedbackScore\n      score\n    }\n  }\n": types.RateRecommendationDocument,
    "\n  mutation MarkRecommendationUsed($id: ID!) {\n    markRecommendationUsed(id: $id) {\n      id\n      isUsed\n      usedAt\n      score\n    }\n  }\n": types.MarkRecommendationUsedDocument,
    "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          action\n          at\n          ip\n          targetType\n          targetId\n          details\n          actor {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query Members {\n    members {\n      userId\n      name\n      email\n      role\n      joinedAt\n      isActive\n    }\n  }\n": types.MembersDocument,
    "\n  query Invitations {\n    invitations {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n      createdAt\n      invitedBy {\n        id\n        name\n      }\n    }\n  }\n": types.InvitationsDocument,
    "\n  mutation Invite($email: String!, $role: WorkspaceRole!) {\n    invite(email: $email, role: $role) {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n    }\n  }\n": types.InviteDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      expiresAt\n      isExpired\n    }\n  }\n": types.ResendInvitationDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation ChangeRole($userId: ID!, $role: WorkspaceRole!) {\n    changeRole(userId: $userId, role: $role) {\n      userId\n      role\n    }\n  }\n": types.ChangeRoleDocument,
    "\n  mutation RemoveMember($userId: ID!) {\n    removeMember(userId: $userId) {\n      userId\n      isActive\n    }\n  }\n": types.RemoveMemberDocument,
    "\n  mutation DeleteWorkspace($id: ID!, $password: String!) {\n    deleteWorkspace(id: $id, password: $password)\n  }\n": types.DeleteWorkspaceDocument,
    "\n  mutation LeaveWorkspace {\n    leaveWorkspace\n  }\n": types.LeaveWorkspaceDocument,
    "\n  mutation TransferOwnership($userId: ID!, $password: String!) {\n    transferOwnership(userId: $userId, password: $password) {\n      userId\n      role\n    }\n  }\n": types.TransferOwnershipDocument,
    "\n  query OAuthConsent($clientId: String!, $redirectUri: String, $scope: String) {\n    oauthConsentRequest(clientId: $clientId, redirectUri: $redirectUri, scope: $scope) {\n      appName\n      clientId\n      redirectUri\n      scopes\n    }\n  }\n": types.OAuthConsentDocument,
    "\n  query Onboarding {\n    me {\n      id\n      name\n      company\n      profile {\n        id\n        onboardingCompleted\n        ...BrandForm_UserProfile\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n      sandbox\n    }\n  }\n": types.OnboardingDocument,
    "\n  mutation CompleteOnboarding($input: CompleteOnboardingInput!) {\n    completeOnboarding(input: $input) {\n      id\n      onboardingCompleted\n    }\n  }\n": types.CompleteOnboardingDocument,
    "\n  fragment AudienceDemographics_Demographics on Demographics {\n    ageGroups {\n      range\n      share\n    }\n    genderSplit {\n      female\n      male\n      other\n    }\n    locations {\n      country\n      city\n      share\n    }\n  }\n": types.AudienceDemographics_DemographicsFragmentDoc,
    "\n  query OverviewAudience {\n    audienceDemographics {\n      platforms {\n        platformId\n        platformType\n        date\n        followers\n        platform {\n          id\n          username\n          displayName\n        }\n        demographics {\n          ...AudienceDemographics_Demographics\n        }\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n  }\n": types.OverviewAudienceDocument,
    "\n  fragment BestTimesHeatmap_BestTimes on BestTimes {\n    timezone\n    rateLabel\n    totalPosts\n    accounts\n    minPosts\n    accountAverage\n    cells {\n      dayOfWeek\n      hour\n      value\n      low\n      high\n      posts\n      source\n      sourcePosts\n    }\n    best {\n      dayOfWeek\n      hour\n      value\n      low\n      posts\n    }\n  }\n": types.BestTimesHeatmap_BestTimesFragmentDoc,
    "\n  query HistoryPlans {\n    plans {\n      tier\n      historyDays\n      priceCents\n    }\n  }\n": types.HistoryPlansDocument,
    "\n  fragment OverviewKpis_Overview on Overview {\n    rateLabel\n    followers {\n      value\n      previous\n      deltaPercent\n    }\n    followerGrowth {\n      value\n      previous\n      deltaPercent\n    }\n    posts {\n      value\n      previous\n      deltaPercent\n    }\n    engagements {\n      value\n      previous\n      deltaPercent\n    }\n    engagementRate {\n      value\n      previous\n      deltaPercent\n    }\n    reach {\n      value\n      previous\n      deltaPercent\n    }\n    impressions {\n      value\n      previous\n      deltaPercent\n    }\n    views {\n      value\n      previous\n      deltaPercent\n    }\n  }\n": types.OverviewKpis_OverviewFragmentDoc,
    "\n  query OverviewKpis($input: OverviewInput!) {\n    overview(input: $input) {\n      range {\n        from\n        to\n      }\n      comparisonRange {\n        from\n        to\n      }\n      ...OverviewKpis_Overview\n    }\n    platforms {\n      id\n    }\n  }\n": types.OverviewKpisDocument,
    "\n  query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {\n    followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementsReceived: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS_RECEIVED }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) {\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n  }\n": types.OverviewTrendsDocument,
    "\n  query OverviewBreakdown($input: AnalyticsInput!) {\n    platformBreakdown(input: $input) {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      reach\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n  }\n": types.OverviewBreakdownDocument,
    "\n  query OverviewBestTimes($input: BestTimesInput!) {\n    bestTimesToPost(input: $input) {\n      ...BestTimesHeatmap_BestTimes\n    }\n  }\n": types.OverviewBestTimesDocument,
    "\n  query OverviewTopPosts($input: TopActivitiesInput!) {\n    topActivities(input: $input) {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n  }\n": types.OverviewTopPostsDocument,
    "\n  query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {\n    contentTypePerformance(input: $input) {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      lift\n      rateLabel\n    }\n    hashtagPerformance(input: $hashtags) {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n        successRate\n      }\n    }\n  }\n": types.OverviewContentDocument,
    "\n  query OverviewInsights {\n    insights(filter: { priorities: [HIGH] }, first: 3) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          isRead\n          insightType\n        }\n      }\n    }\n  }\n": types.OverviewInsightsDocument,
    "\n  mutation ExportCsv($input: ExportCsvInput!) {\n    exportCsv(input: $input) {\n      filename\n      rowCount\n      csv\n      downloadUrl\n    }\n  }\n": types.ExportCsvDocument,
    "\n  query PendingConnection($id: ID!) {\n    pendingConnection(id: $id) {\n      id\n      type\n      expiresAt\n      remainingSlots\n      choices {\n        id\n        name\n        username\n        avatarUrl\n        detail\n        connected\n        available\n      }\n    }\n  }\n": types.PendingConnectionDocument,
    "\n  mutation CompleteConnection($input: CompleteConnectionInput!) {\n    completeConnection(input: $input) {\n      id\n      type\n      displayName\n    }\n  }\n": types.CompleteConnectionDocument,
    "\n  mutation ConnectPlatform($input: ConnectPlatformInput!) {\n    connectPlatform(input: $input) {\n      authorizeUrl\n      platform {\n        id\n        type\n      }\n    }\n  }\n": types.ConnectPlatformDocument,
    "\n  query ConnectSetup {\n    serverSetup {\n      platforms {\n        type\n        configured\n      }\n    }\n  }\n": types.ConnectSetupDocument,
    "\n  fragment PlatformCard_Platform on Platform {\n    id\n    type\n    username\n    displayName\n    followerCount\n    status\n    sandbox\n    lastSyncedAt\n    nextManualSyncAt\n    health {\n      healthy\n      canRefresh\n      status\n      sandbox\n      tokenExpiresAt\n      refreshTokenExpiresAt\n      needsReauthBy\n      lastError\n      lastErrorAt\n      warnings\n      rateLimit {\n        remaining\n        limit\n        unit\n        resetAt\n      }\n      apiVersion\n      apiVersionSunsetsAt\n      postReads {\n        account\n        used\n        budget\n        remaining\n      }\n    }\n  }\n": types.PlatformCard_PlatformFragmentDoc,
    "\n  mutation SyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n      status\n    }\n  }\n": types.SyncPlatformDocument,
    "\n  mutation DisconnectPlatform($id: ID!) {\n    disconnectPlatform(id: $id)\n  }\n": types.DisconnectPlatformDocument,
    "\n  query Platforms {\n    platforms {\n      id\n      type\n      ...PlatformCard_Platform\n    }\n    activeWorkspace {\n      id\n      accountsConnected\n    }\n  }\n": types.PlatformsDocument,
    "\n  subscription PlatformSyncProgress($platformId: ID!) {\n    syncProgress(platformId: $platformId) {\n      platformId\n      phase\n      done\n      total\n      activeJobs\n      finished\n      status\n      message\n      errorMessage\n    }\n  }\n": types.PlatformSyncProgressDocument,
    "\n  query PostDecay($activityId: ID!) {\n    postDecay(activityId: $activityId) {\n      halfLifeDays\n      daysTo90Percent\n      latestEngagements\n      points {\n        day\n        engagements\n        shareOfLatest\n      }\n    }\n  }\n": types.PostDecayDocument,
    "\n  query PostDetail($id: ID!) {\n    activity(id: $id) {\n      id\n      content\n      type\n      publishedAt\n      permalink\n      hashtags\n      isPublished\n      isScheduled\n      scheduledFor\n      metricsUpdatedAt\n      engagementRate\n      rateLabel\n      engagement {\n        likes\n        comments\n        shares\n        saves\n        reach\n        impressions\n        views\n        total\n      }\n      platform {\n        id\n        type\n        username\n        displayName\n        createdAt\n      }\n      categories {\n        id\n        name\n        colorCode\n      }\n      metrics {\n        id\n        ...PostMetric_ActivityMetric\n      }\n    }\n  }\n": types.PostDetailDocument,
    "\n  fragment PostMetric_ActivityMetric on ActivityMetric {\n    id\n    date\n    engagementRate\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      impressions\n      views\n    }\n  }\n": types.PostMetric_ActivityMetricFragmentDoc,
    "\n  query PostFilterOptions {\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": types.PostFilterOptionsDocument,
    "\n  query Posts($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {\n    activities(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PostRow_Activity\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PostsDocument,
    "\n  fragment PostRow_Activity on Activity {\n    id\n    content\n    type\n    publishedAt\n    hashtags\n    engagementRate\n    rateLabel\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      total\n    }\n    platform {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n": types.PostRow_ActivityFragmentDoc,
    "\n  query MyReferral {\n    myReferral {\n      code\n      shareUrl\n      commissionRate\n      holdDays\n      pendingCount\n      convertedCount\n      paidCount\n      earnedCents\n      paidCents\n    }\n  }\n": types.MyReferralDocument,
    "\n  query ReferralsSignups($first: Int, $after: String) {\n    myReferralSignups(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          signupDate\n          conversionStatus\n          convertedTier\n          commissionCents\n          refereeName\n          refereeEmailMasked\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ReferralsSignupsDocument,
    "\n  mutation RotateReferralCode {\n    rotateReferralCode {\n      code\n      shareUrl\n    }\n  }\n": types.RotateReferralCodeDocument,
    "\n  query ReportEdit($id: ID!) {\n    customReport(id: $id) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n": types.ReportEditDocument,
    "\n  mutation SaveReport($id: ID!, $input: UpdateCustomReportInput!) {\n    updateCustomReport(id: $id, input: $input) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      updatedAt\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n  }\n": types.SaveReportDocument,
    "\n  fragment ReportDocument_ReportData on ReportData {\n    range {\n      from\n      to\n    }\n    comparisonRange {\n      from\n      to\n    }\n    comparison\n    timezone\n    generatedAt\n    sections\n    showSoashMark\n    missingPlatformIds\n    report {\n      name\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n      }\n    }\n    kpis {\n      ...OverviewKpis_Overview\n    }\n    followers {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagements {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate {\n      granularity\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n    accounts {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n    topPosts {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n    contentTypes {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      rateLabel\n    }\n    hashtags {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n      }\n    }\n    bestTimes {\n      ...BestTimesHeatmap_BestTimes\n    }\n    demographics {\n      platforms {\n        platformId\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n    insights {\n      id\n      title\n      description\n      priority\n    }\n  }\n": types.ReportDocument_ReportDataFragmentDoc,
    "\n  query ReportSchedules($reportId: ID!) {\n    reportSchedules(reportId: $reportId) {\n      id\n      frequency\n      weekday\n      dayOfMonth\n      hour\n      paper\n      memberIds\n      emails\n      enabled\n      nextRunAt\n      lastRunAt\n      timezone\n      description\n    }\n    members {\n      userId\n      name\n      email\n      isActive\n    }\n  }\n": types.ReportSchedulesDocument,
    "\n  query ReportScheduleDeliveries($scheduleId: ID!, $first: Int, $after: String) {\n    reportDeliveries(scheduleId: $scheduleId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          scheduledFor\n          createdAt\n          attemptCount\n          nextAttemptAt\n          error\n          rangeFrom\n          rangeTo\n          timezone\n          recipients {\n            email\n            status\n            reason\n          }\n        }\n      }\n    }\n  }\n": types.ReportScheduleDeliveriesDocument,
    "\n  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {\n    createReportSchedule(input: $input) {\n      id\n    }\n  }\n": types.CreateReportScheduleDocument,
    "\n  mutation UpdateReportSchedule($id: ID!, $input: UpdateReportScheduleInput!) {\n    updateReportSchedule(id: $id, input: $input) {\n      id\n      nextRunAt\n    }\n  }\n": types.UpdateReportScheduleDocument,
    "\n  mutation PauseReportSchedule($id: ID!) {\n    pauseReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n": types.PauseReportScheduleDocument,
    "\n  mutation ResumeReportSchedule($id: ID!) {\n    resumeReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n": types.ResumeReportScheduleDocument,
    "\n  mutation DeleteReportSchedule($id: ID!) {\n    deleteReportSchedule(id: $id)\n  }\n": types.DeleteReportScheduleDocument,
    "\n  mutation RetryReportDelivery($id: ID!) {\n    retryReportDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": types.RetryReportDeliveryDocument,
    "\n  query ReportView($id: ID!) {\n    reportData(id: $id) {\n      ...ReportDocument_ReportData\n    }\n  }\n": types.ReportViewDocument,
    "\n  query Reports {\n    customReports {\n      id\n      name\n      updatedAt\n      sections\n      range {\n        preset\n        from\n        to\n      }\n    }\n  }\n": types.ReportsDocument,
    "\n  mutation CreateReport($input: CreateCustomReportInput!) {\n    createCustomReport(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateReportDocument,
    "\n  mutation RenameReport($id: ID!, $name: String!) {\n    updateCustomReport(id: $id, input: { name: $name }) {\n      id\n      name\n      updatedAt\n    }\n  }\n": types.RenameReportDocument,
    "\n  mutation DeleteReport($id: ID!) {\n    deleteCustomReport(id: $id)\n  }\n": types.DeleteReportDocument,
    "\n  query ReportShareLinks($reportId: ID!) {\n    reportShareLinks(reportId: $reportId) {\n      id\n      label\n      expiresAt\n      hasPassword\n      revokedAt\n      viewCount\n      lastViewedAt\n      createdAt\n    }\n  }\n": types.ReportShareLinksDocument,
    "\n  mutation CreateReportShareLink($input: CreateReportShareLinkInput!) {\n    createReportShareLink(input: $input) {\n      url\n      link {\n        id\n        label\n      }\n    }\n  }\n": types.CreateReportShareLinkDocument,
    "\n  mutation RevokeReportShareLink($id: ID!) {\n    revokeReportShareLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeReportShareLinkDocument,
    "\n  query SharedReport($token: String!, $password: String) {\n    sharedReport(token: $token, password: $password) {\n      expiresAt\n      data {\n        ...ReportDocument_ReportData\n      }\n    }\n  }\n": types.SharedReportDocument,
    "\n  mutation UnsubscribeReportEmail($token: String!) {\n    unsubscribeReportEmail(token: $token) {\n      email\n      reportName\n    }\n  }\n": types.UnsubscribeReportEmailDocument,
    "\n  mutation ExportReport($id: ID!, $format: ReportExportFormat!, $paper: ReportPaper) {\n    exportReport(id: $id, format: $format, paper: $paper) {\n      filename\n      downloadUrl\n    }\n  }\n": types.ExportReportDocument,
    "\n  fragment AccountForm_User on User {\n    id\n    name\n    firstName\n    lastName\n    company\n    email\n  }\n": types.AccountForm_UserFragmentDoc,
    "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) {\n      id\n      ...AccountForm_User\n    }\n  }\n": types.UpdateAccountDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      createdAt\n      createdByName\n      lastUsedAt\n      lastUsedIp\n      previousSecretExpiresAt\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation RotateApiKey($id: ID!, $overlapHours: Int!) {\n    rotateApiKey(id: $id, overlapHours: $overlapHours) {\n      secret\n      apiKey {\n        id\n        name\n        previousSecretExpiresAt\n      }\n    }\n  }\n": types.RotateApiKeyDocument,
    "\n  fragment BrandForm_UserProfile on UserProfile {\n    id\n    brandName\n    brandDescription\n    industry\n    targetAudience\n    brandValues\n    businessGoals\n    timezone\n  }\n": types.BrandForm_UserProfileFragmentDoc,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      onboardingCompleted\n      ...BrandForm_UserProfile\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  query ConnectedApps {\n    connectedApps {\n      id\n      appName\n      workspaceId\n      workspaceName\n      scopes\n      createdAt\n      lastUsedAt\n    }\n  }\n": types.ConnectedAppsDocument,
    "\n  mutation RevokeConnectedApp($id: ID!) {\n    revokeConnectedApp(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeConnectedAppDocument,
    "\n  mutation LogoutEverywhere {\n    logout(allSessions: true)\n  }\n": types.LogoutEverywhereDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": types.DeleteAccountDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query Plans {\n    plans {\n      tier\n      maxPlatforms\n      historyDays\n      priceCents\n    }\n    me {\n      id\n      subscriptionTier\n    }\n    billing {\n      charges\n      provider\n    }\n  }\n": types.PlansDocument,
    "\n  mutation ChangeSubscription($tier: SubscriptionTier!) {\n    changeSubscription(tier: $tier) {\n      id\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n  }\n": types.ChangeSubscriptionDocument,
    "\n  query Settings {\n    me {\n      id\n      ...AccountForm_User\n      profile {\n        id\n        ...BrandForm_UserProfile\n      }\n    }\n  }\n": types.SettingsDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      events\n      description\n      enabled\n      createdAt\n      failingSince\n      lastSuccessAt\n      disabledAt\n      disabledReason\n      secretRotatedAt\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          messageId\n          status\n          attemptCount\n          nextAttemptAt\n          lastAttemptAt\n          responseStatus\n          durationMs\n          error\n          createdAt\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      enabled\n      disabledAt\n      disabledReason\n      failingSince\n    }\n  }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        id\n        url\n        secretRotatedAt\n      }\n    }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      id\n      status\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  mutation CreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) {\n      id\n      name\n      viewerRole\n    }\n  }\n": types.CreateWorkspaceDocument,
    "\n  query ShellWorkspaces {\n    activeWorkspace {\n      id\n      name\n      viewerRole\n      ownerId\n      memberCount\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n    workspaces {\n      id\n      name\n      viewerRole\n    }\n  }\n": types.ShellWorkspacesDocument,
    "\n  query ClientTestMe {\n    me {\n      id\n    }\n  }\n": types.ClientTestMeDocument,
    "\n  query WorkspaceTestMe {\n    me {\n      id\n    }\n  }\n": types.WorkspaceTestMeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertRules {\n    alertRules {\n      id\n      name\n      kind\n      metric\n      direction\n      threshold\n      periodDays\n      daysBefore\n      platformIds\n      channels\n      recipients\n      quietHours\n      emailDigest\n      digestHour\n      enabled\n      lastFiredAt\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query AlertRules {\n    alertRules {\n      id\n      name\n      kind\n      metric\n      direction\n      threshold\n      periodDays\n      daysBefore\n      platformIds\n      channels\n      recipients\n      quietHours\n      emailDigest\n      digestHour\n      enabled\n      lastFiredAt\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertEvents($first: Int, $after: String) {\n    alertEvents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleName\n          kind\n          message\n          link\n          firedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertEvents($first: Int, $after: String) {\n    alertEvents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleName\n          kind\n          message\n          link\n          firedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlertRule($input: CreateAlertRuleInput!) {\n    createAlertRule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAlertRule($input: CreateAlertRuleInput!) {\n    createAlertRule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlertRule($id: ID!, $input: UpdateAlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlertRule($id: ID!, $input: UpdateAlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int, $unreadOnly: Boolean) {\n    notifications(first: $first, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          message\n          link\n          readAt\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int, $unreadOnly: Boolean) {\n    notifications(first: $first, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          title\n          message\n          link\n          readAt\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AcceptInvitationMe {\n    me {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  query AcceptInvitationMe {\n    me {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      email\n      nextStep\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      email\n      nextStep\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification {\n    resendVerificationEmail\n  }\n"): (typeof documents)["\n  mutation ResendVerification {\n    resendVerificationEmail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MailSetup {\n    serverSetup {\n      mailDelivery\n    }\n  }\n"): (typeof documents)["\n  query MailSetup {\n    serverSetup {\n      mailDelivery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevOutbox {\n    myDevOutbox {\n      id\n      kind\n      link\n    }\n  }\n"): (typeof documents)["\n  query DevOutbox {\n    myDevOutbox {\n      id\n      kind\n      link\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      email\n      isVerified\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      email\n      isVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      isVerified\n      role\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n      profile {\n        id\n        timezone\n        onboardingCompleted\n        brandName\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n      isVerified\n      role\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n      profile {\n        id\n        timezone\n        onboardingCompleted\n        brandName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n      colorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCategory($id: ID!) {\n    deleteCategory(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCategory($id: ID!) {\n    deleteCategory(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCategories($activityId: ID!, $categoryIds: [ID!]!) {\n    assignCategories(activityId: $activityId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n        colorCode\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignCategories($activityId: ID!, $categoryIds: [ID!]!) {\n    assignCategories(activityId: $activityId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n        colorCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InsightCard_AiInsight on AiInsight {\n    id\n    title\n    description\n    priority\n    insightType\n    isRead\n    isDismissed\n    createdAt\n    lastConfirmedAt\n    evidence {\n      howWeKnow\n      method\n      groupSize\n      restSize\n      period {\n        from\n        to\n      }\n      accounts {\n        platformId\n        name\n      }\n      posts {\n        platformIds\n        type\n        hashtag\n        hours\n        weekdays\n        from\n        to\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InsightCard_AiInsight on AiInsight {\n    id\n    title\n    description\n    priority\n    insightType\n    isRead\n    isDismissed\n    createdAt\n    lastConfirmedAt\n    evidence {\n      howWeKnow\n      method\n      groupSize\n      restSize\n      period {\n        from\n        to\n      }\n      accounts {\n        platformId\n        name\n      }\n      posts {\n        platformIds\n        type\n        hashtag\n        hours\n        weekdays\n        from\n        to\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkInsightRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n"): (typeof documents)["\n  mutation MarkInsightRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissInsight($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n"): (typeof documents)["\n  mutation DismissInsight($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Insights($filter: InsightFilterInput, $first: Int, $after: String) {\n    insights(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...InsightCard_AiInsight\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Insights($filter: InsightFilterInput, $first: Int, $after: String) {\n    insights(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...InsightCard_AiInsight\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Recommendations($first: Int, $after: String) {\n    recommendations(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecommendationCard_ContentRecommendation\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Recommendations($first: Int, $after: String) {\n    recommendations(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RecommendationCard_ContentRecommendation\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Patterns {\n    performancePatterns {\n      id\n      patternType\n      patternName\n      successRate\n      sampleSize\n    }\n  }\n"): (typeof documents)["\n  query Patterns {\n    performancePatterns {\n      id\n      patternType\n      patternName\n      successRate\n      sampleSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InsightsPageMarkRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n"): (typeof documents)["\n  mutation InsightsPageMarkRead($id: ID!) {\n    markInsightRead(id: $id) {\n      id\n      isRead\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InsightsPageDismiss($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n"): (typeof documents)["\n  mutation InsightsPageDismiss($id: ID!) {\n    dismissInsight(id: $id) {\n      id\n      isDismissed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecommendationCard_ContentRecommendation on ContentRecommendation {\n    id\n    title\n    description\n    recommendationType\n    score\n    feedbackScore\n    isUsed\n    usedAt\n    contentBrief\n    insightId\n    basis {\n      sources\n      own {\n        posts\n      }\n      industry {\n        industry\n        brands\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RecommendationCard_ContentRecommendation on ContentRecommendation {\n    id\n    title\n    description\n    recommendationType\n    score\n    feedbackScore\n    isUsed\n    usedAt\n    contentBrief\n    insightId\n    basis {\n      sources\n      own {\n        posts\n      }\n      industry {\n        industry\n        brands\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateRecommendation($id: ID!, $score: Int!) {\n    rateRecommendation(id: $id, score: $score) {\n      id\n      feedbackScore\n      score\n    }\n  }\n"): (typeof documents)["\n  mutation RateRecommendation($id: ID!, $score: Int!) {\n    rateRecommendation(id: $id, score: $score) {\n      id\n      feedbackScore\n      score\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRecommendationUsed($id: ID!) {\n    markRecommendationUsed(id: $id) {\n      id\n      isUsed\n      usedAt\n      score\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRecommendationUsed($id: ID!) {\n    markRecommendationUsed(id: $id) {\n      id\n      isUsed\n      usedAt\n      score\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          action\n          at\n          ip\n          targetType\n          targetId\n          details\n          actor {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          action\n          at\n          ip\n          targetType\n          targetId\n          details\n          actor {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members {\n    members {\n      userId\n      name\n      email\n      role\n      joinedAt\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query Members {\n    members {\n      userId\n      name\n      email\n      role\n      joinedAt\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invitations {\n    invitations {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n      createdAt\n      invitedBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invitations {\n    invitations {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n      createdAt\n      invitedBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Invite($email: String!, $role: WorkspaceRole!) {\n    invite(email: $email, role: $role) {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n    }\n  }\n"): (typeof documents)["\n  mutation Invite($email: String!, $role: WorkspaceRole!) {\n    invite(email: $email, role: $role) {\n      id\n      email\n      role\n      expiresAt\n      isExpired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      expiresAt\n      isExpired\n    }\n  }\n"): (typeof documents)["\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      expiresAt\n      isExpired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeRole($userId: ID!, $role: WorkspaceRole!) {\n    changeRole(userId: $userId, role: $role) {\n      userId\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeRole($userId: ID!, $role: WorkspaceRole!) {\n    changeRole(userId: $userId, role: $role) {\n      userId\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($userId: ID!) {\n    removeMember(userId: $userId) {\n      userId\n      isActive\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMember($userId: ID!) {\n    removeMember(userId: $userId) {\n      userId\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWorkspace($id: ID!, $password: String!) {\n    deleteWorkspace(id: $id, password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteWorkspace($id: ID!, $password: String!) {\n    deleteWorkspace(id: $id, password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveWorkspace {\n    leaveWorkspace\n  }\n"): (typeof documents)["\n  mutation LeaveWorkspace {\n    leaveWorkspace\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferOwnership($userId: ID!, $password: String!) {\n    transferOwnership(userId: $userId, password: $password) {\n      userId\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation TransferOwnership($userId: ID!, $password: String!) {\n    transferOwnership(userId: $userId, password: $password) {\n      userId\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OAuthConsent($clientId: String!, $redirectUri: String, $scope: String) {\n    oauthConsentRequest(clientId: $clientId, redirectUri: $redirectUri, scope: $scope) {\n      appName\n      clientId\n      redirectUri\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query OAuthConsent($clientId: String!, $redirectUri: String, $scope: String) {\n    oauthConsentRequest(clientId: $clientId, redirectUri: $redirectUri, scope: $scope) {\n      appName\n      clientId\n      redirectUri\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Onboarding {\n    me {\n      id\n      name\n      company\n      profile {\n        id\n        onboardingCompleted\n        ...BrandForm_UserProfile\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n      sandbox\n    }\n  }\n"): (typeof documents)["\n  query Onboarding {\n    me {\n      id\n      name\n      company\n      profile {\n        id\n        onboardingCompleted\n        ...BrandForm_UserProfile\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n      sandbox\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteOnboarding($input: CompleteOnboardingInput!) {\n    completeOnboarding(input: $input) {\n      id\n      onboardingCompleted\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteOnboarding($input: CompleteOnboardingInput!) {\n    completeOnboarding(input: $input) {\n      id\n      onboardingCompleted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AudienceDemographics_Demographics on Demographics {\n    ageGroups {\n      range\n      share\n    }\n    genderSplit {\n      female\n      male\n      other\n    }\n    locations {\n      country\n      city\n      share\n    }\n  }\n"): (typeof documents)["\n  fragment AudienceDemographics_Demographics on Demographics {\n    ageGroups {\n      range\n      share\n    }\n    genderSplit {\n      female\n      male\n      other\n    }\n    locations {\n      country\n      city\n      share\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewAudience {\n    audienceDemographics {\n      platforms {\n        platformId\n        platformType\n        date\n        followers\n        platform {\n          id\n          username\n          displayName\n        }\n        demographics {\n          ...AudienceDemographics_Demographics\n        }\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewAudience {\n    audienceDemographics {\n      platforms {\n        platformId\n        platformType\n        date\n        followers\n        platform {\n          id\n          username\n          displayName\n        }\n        demographics {\n          ...AudienceDemographics_Demographics\n        }\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BestTimesHeatmap_BestTimes on BestTimes {\n    timezone\n    rateLabel\n    totalPosts\n    accounts\n    minPosts\n    accountAverage\n    cells {\n      dayOfWeek\n      hour\n      value\n      low\n      high\n      posts\n      source\n      sourcePosts\n    }\n    best {\n      dayOfWeek\n      hour\n      value\n      low\n      posts\n    }\n  }\n"): (typeof documents)["\n  fragment BestTimesHeatmap_BestTimes on BestTimes {\n    timezone\n    rateLabel\n    totalPosts\n    accounts\n    minPosts\n    accountAverage\n    cells {\n      dayOfWeek\n      hour\n      value\n      low\n      high\n      posts\n      source\n      sourcePosts\n    }\n    best {\n      dayOfWeek\n      hour\n      value\n      low\n      posts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryPlans {\n    plans {\n      tier\n      historyDays\n      priceCents\n    }\n  }\n"): (typeof documents)["\n  query HistoryPlans {\n    plans {\n      tier\n      historyDays\n      priceCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OverviewKpis_Overview on Overview {\n    rateLabel\n    followers {\n      value\n      previous\n      deltaPercent\n    }\n    followerGrowth {\n      value\n      previous\n      deltaPercent\n    }\n    posts {\n      value\n      previous\n      deltaPercent\n    }\n    engagements {\n      value\n      previous\n      deltaPercent\n    }\n    engagementRate {\n      value\n      previous\n      deltaPercent\n    }\n    reach {\n      value\n      previous\n      deltaPercent\n    }\n    impressions {\n      value\n      previous\n      deltaPercent\n    }\n    views {\n      value\n      previous\n      deltaPercent\n    }\n  }\n"): (typeof documents)["\n  fragment OverviewKpis_Overview on Overview {\n    rateLabel\n    followers {\n      value\n      previous\n      deltaPercent\n    }\n    followerGrowth {\n      value\n      previous\n      deltaPercent\n    }\n    posts {\n      value\n      previous\n      deltaPercent\n    }\n    engagements {\n      value\n      previous\n      deltaPercent\n    }\n    engagementRate {\n      value\n      previous\n      deltaPercent\n    }\n    reach {\n      value\n      previous\n      deltaPercent\n    }\n    impressions {\n      value\n      previous\n      deltaPercent\n    }\n    views {\n      value\n      previous\n      deltaPercent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewKpis($input: OverviewInput!) {\n    overview(input: $input) {\n      range {\n        from\n        to\n      }\n      comparisonRange {\n        from\n        to\n      }\n      ...OverviewKpis_Overview\n    }\n    platforms {\n      id\n    }\n  }\n"): (typeof documents)["\n  query OverviewKpis($input: OverviewInput!) {\n    overview(input: $input) {\n      range {\n        from\n        to\n      }\n      comparisonRange {\n        from\n        to\n      }\n      ...OverviewKpis_Overview\n    }\n    platforms {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {\n    followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementsReceived: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS_RECEIVED }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) {\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {\n    followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementsReceived: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS_RECEIVED }) {\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) {\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewBreakdown($input: AnalyticsInput!) {\n    platformBreakdown(input: $input) {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      reach\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewBreakdown($input: AnalyticsInput!) {\n    platformBreakdown(input: $input) {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      reach\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewBestTimes($input: BestTimesInput!) {\n    bestTimesToPost(input: $input) {\n      ...BestTimesHeatmap_BestTimes\n    }\n  }\n"): (typeof documents)["\n  query OverviewBestTimes($input: BestTimesInput!) {\n    bestTimesToPost(input: $input) {\n      ...BestTimesHeatmap_BestTimes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTopPosts($input: TopActivitiesInput!) {\n    topActivities(input: $input) {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewTopPosts($input: TopActivitiesInput!) {\n    topActivities(input: $input) {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {\n    contentTypePerformance(input: $input) {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      lift\n      rateLabel\n    }\n    hashtagPerformance(input: $hashtags) {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n        successRate\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {\n    contentTypePerformance(input: $input) {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      lift\n      rateLabel\n    }\n    hashtagPerformance(input: $hashtags) {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n        successRate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewInsights {\n    insights(filter: { priorities: [HIGH] }, first: 3) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          isRead\n          insightType\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OverviewInsights {\n    insights(filter: { priorities: [HIGH] }, first: 3) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          isRead\n          insightType\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportCsv($input: ExportCsvInput!) {\n    exportCsv(input: $input) {\n      filename\n      rowCount\n      csv\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  mutation ExportCsv($input: ExportCsvInput!) {\n    exportCsv(input: $input) {\n      filename\n      rowCount\n      csv\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingConnection($id: ID!) {\n    pendingConnection(id: $id) {\n      id\n      type\n      expiresAt\n      remainingSlots\n      choices {\n        id\n        name\n        username\n        avatarUrl\n        detail\n        connected\n        available\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingConnection($id: ID!) {\n    pendingConnection(id: $id) {\n      id\n      type\n      expiresAt\n      remainingSlots\n      choices {\n        id\n        name\n        username\n        avatarUrl\n        detail\n        connected\n        available\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteConnection($input: CompleteConnectionInput!) {\n    completeConnection(input: $input) {\n      id\n      type\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteConnection($input: CompleteConnectionInput!) {\n    completeConnection(input: $input) {\n      id\n      type\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectPlatform($input: ConnectPlatformInput!) {\n    connectPlatform(input: $input) {\n      authorizeUrl\n      platform {\n        id\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectPlatform($input: ConnectPlatformInput!) {\n    connectPlatform(input: $input) {\n      authorizeUrl\n      platform {\n        id\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectSetup {\n    serverSetup {\n      platforms {\n        type\n        configured\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectSetup {\n    serverSetup {\n      platforms {\n        type\n        configured\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformCard_Platform on Platform {\n    id\n    type\n    username\n    displayName\n    followerCount\n    status\n    sandbox\n    lastSyncedAt\n    nextManualSyncAt\n    health {\n      healthy\n      canRefresh\n      status\n      sandbox\n      tokenExpiresAt\n      refreshTokenExpiresAt\n      needsReauthBy\n      lastError\n      lastErrorAt\n      warnings\n      rateLimit {\n        remaining\n        limit\n        unit\n        resetAt\n      }\n      apiVersion\n      apiVersionSunsetsAt\n      postReads {\n        account\n        used\n        budget\n        remaining\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PlatformCard_Platform on Platform {\n    id\n    type\n    username\n    displayName\n    followerCount\n    status\n    sandbox\n    lastSyncedAt\n    nextManualSyncAt\n    health {\n      healthy\n      canRefresh\n      status\n      sandbox\n      tokenExpiresAt\n      refreshTokenExpiresAt\n      needsReauthBy\n      lastError\n      lastErrorAt\n      warnings\n      rateLimit {\n        remaining\n        limit\n        unit\n        resetAt\n      }\n      apiVersion\n      apiVersionSunsetsAt\n      postReads {\n        account\n        used\n        budget\n        remaining\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SyncPlatform($id: ID!) {\n    syncPlatform(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisconnectPlatform($id: ID!) {\n    disconnectPlatform(id: $id)\n  }\n"): (typeof documents)["\n  mutation DisconnectPlatform($id: ID!) {\n    disconnectPlatform(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Platforms {\n    platforms {\n      id\n      type\n      ...PlatformCard_Platform\n    }\n    activeWorkspace {\n      id\n      accountsConnected\n    }\n  }\n"): (typeof documents)["\n  query Platforms {\n    platforms {\n      id\n      type\n      ...PlatformCard_Platform\n    }\n    activeWorkspace {\n      id\n      accountsConnected\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PlatformSyncProgress($platformId: ID!) {\n    syncProgress(platformId: $platformId) {\n      platformId\n      phase\n      done\n      total\n      activeJobs\n      finished\n      status\n      message\n      errorMessage\n    }\n  }\n"): (typeof documents)["\n  subscription PlatformSyncProgress($platformId: ID!) {\n    syncProgress(platformId: $platformId) {\n      platformId\n      phase\n      done\n      total\n      activeJobs\n      finished\n      status\n      message\n      errorMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostDecay($activityId: ID!) {\n    postDecay(activityId: $activityId) {\n      halfLifeDays\n      daysTo90Percent\n      latestEngagements\n      points {\n        day\n        engagements\n        shareOfLatest\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostDecay($activityId: ID!) {\n    postDecay(activityId: $activityId) {\n      halfLifeDays\n      daysTo90Percent\n      latestEngagements\n      points {\n        day\n        engagements\n        shareOfLatest\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostDetail($id: ID!) {\n    activity(id: $id) {\n      id\n      content\n      type\n      publishedAt\n      permalink\n      hashtags\n      isPublished\n      isScheduled\n      scheduledFor\n      metricsUpdatedAt\n      engagementRate\n      rateLabel\n      engagement {\n        likes\n        comments\n        shares\n        saves\n        reach\n        impressions\n        views\n        total\n      }\n      platform {\n        id\n        type\n        username\n        displayName\n        createdAt\n      }\n      categories {\n        id\n        name\n        colorCode\n      }\n      metrics {\n        id\n        ...PostMetric_ActivityMetric\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostDetail($id: ID!) {\n    activity(id: $id) {\n      id\n      content\n      type\n      publishedAt\n      permalink\n      hashtags\n      isPublished\n      isScheduled\n      scheduledFor\n      metricsUpdatedAt\n      engagementRate\n      rateLabel\n      engagement {\n        likes\n        comments\n        shares\n        saves\n        reach\n        impressions\n        views\n        total\n      }\n      platform {\n        id\n        type\n        username\n        displayName\n        createdAt\n      }\n      categories {\n        id\n        name\n        colorCode\n      }\n      metrics {\n        id\n        ...PostMetric_ActivityMetric\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostMetric_ActivityMetric on ActivityMetric {\n    id\n    date\n    engagementRate\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      impressions\n      views\n    }\n  }\n"): (typeof documents)["\n  fragment PostMetric_ActivityMetric on ActivityMetric {\n    id\n    date\n    engagementRate\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      impressions\n      views\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostFilterOptions {\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"): (typeof documents)["\n  query PostFilterOptions {\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Posts($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {\n    activities(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PostRow_Activity\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Posts($filter: ActivityFilter, $sort: ActivitySort, $first: Int, $after: String) {\n    activities(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PostRow_Activity\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostRow_Activity on Activity {\n    id\n    content\n    type\n    publishedAt\n    hashtags\n    engagementRate\n    rateLabel\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      total\n    }\n    platform {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"): (typeof documents)["\n  fragment PostRow_Activity on Activity {\n    id\n    content\n    type\n    publishedAt\n    hashtags\n    engagementRate\n    rateLabel\n    engagement {\n      likes\n      comments\n      shares\n      saves\n      reach\n      total\n    }\n    platform {\n      id\n      type\n      username\n      displayName\n    }\n    categories {\n      id\n      name\n      colorCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyReferral {\n    myReferral {\n      code\n      shareUrl\n      commissionRate\n      holdDays\n      pendingCount\n      convertedCount\n      paidCount\n      earnedCents\n      paidCents\n    }\n  }\n"): (typeof documents)["\n  query MyReferral {\n    myReferral {\n      code\n      shareUrl\n      commissionRate\n      holdDays\n      pendingCount\n      convertedCount\n      paidCount\n      earnedCents\n      paidCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralsSignups($first: Int, $after: String) {\n    myReferralSignups(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          signupDate\n          conversionStatus\n          convertedTier\n          commissionCents\n          refereeName\n          refereeEmailMasked\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReferralsSignups($first: Int, $after: String) {\n    myReferralSignups(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          signupDate\n          conversionStatus\n          convertedTier\n          commissionCents\n          refereeName\n          refereeEmailMasked\n          code\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateReferralCode {\n    rotateReferralCode {\n      code\n      shareUrl\n    }\n  }\n"): (typeof documents)["\n  mutation RotateReferralCode {\n    rotateReferralCode {\n      code\n      shareUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportEdit($id: ID!) {\n    customReport(id: $id) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ReportEdit($id: ID!) {\n    customReport(id: $id) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n    platforms {\n      id\n      type\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveReport($id: ID!, $input: UpdateCustomReportInput!) {\n    updateCustomReport(id: $id, input: $input) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      updatedAt\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveReport($id: ID!, $input: UpdateCustomReportInput!) {\n    updateCustomReport(id: $id, input: $input) {\n      id\n      name\n      platformIds\n      comparison\n      sections\n      updatedAt\n      range {\n        preset\n        from\n        to\n      }\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n        hideSoashMark\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportDocument_ReportData on ReportData {\n    range {\n      from\n      to\n    }\n    comparisonRange {\n      from\n      to\n    }\n    comparison\n    timezone\n    generatedAt\n    sections\n    showSoashMark\n    missingPlatformIds\n    report {\n      name\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n      }\n    }\n    kpis {\n      ...OverviewKpis_Overview\n    }\n    followers {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagements {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate {\n      granularity\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n    accounts {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n    topPosts {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n    contentTypes {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      rateLabel\n    }\n    hashtags {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n      }\n    }\n    bestTimes {\n      ...BestTimesHeatmap_BestTimes\n    }\n    demographics {\n      platforms {\n        platformId\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n    insights {\n      id\n      title\n      description\n      priority\n    }\n  }\n"): (typeof documents)["\n  fragment ReportDocument_ReportData on ReportData {\n    range {\n      from\n      to\n    }\n    comparisonRange {\n      from\n      to\n    }\n    comparison\n    timezone\n    generatedAt\n    sections\n    showSoashMark\n    missingPlatformIds\n    report {\n      name\n      branding {\n        title\n        accentColor\n        footer\n        logoUrl\n      }\n    }\n    kpis {\n      ...OverviewKpis_Overview\n    }\n    followers {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagements {\n      granularity\n      points {\n        bucket\n        value\n      }\n    }\n    engagementRate {\n      granularity\n      rateLabel\n      points {\n        bucket\n        value\n      }\n    }\n    accounts {\n      platformId\n      platformType\n      displayName\n      followers\n      followerGrowth\n      posts\n      engagements\n      engagementRate\n      rateLabel\n      shareOfEngagements\n      platform {\n        id\n        username\n      }\n    }\n    topPosts {\n      rank\n      value\n      engagementRate\n      rateLabel\n      activity {\n        id\n        content\n        type\n        publishedAt\n        platform {\n          id\n          type\n          username\n          displayName\n        }\n      }\n    }\n    contentTypes {\n      contentType\n      posts\n      postsWithRate\n      medianEngagementRate\n      rateLabel\n    }\n    hashtags {\n      rateLabel\n      hashtags {\n        hashtag\n        posts\n        medianEngagementRate\n        lift\n      }\n    }\n    bestTimes {\n      ...BestTimesHeatmap_BestTimes\n    }\n    demographics {\n      platforms {\n        platformId\n      }\n      merged {\n        ...AudienceDemographics_Demographics\n      }\n    }\n    insights {\n      id\n      title\n      description\n      priority\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportSchedules($reportId: ID!) {\n    reportSchedules(reportId: $reportId) {\n      id\n      frequency\n      weekday\n      dayOfMonth\n      hour\n      paper\n      memberIds\n      emails\n      enabled\n      nextRunAt\n      lastRunAt\n      timezone\n      description\n    }\n    members {\n      userId\n      name\n      email\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query ReportSchedules($reportId: ID!) {\n    reportSchedules(reportId: $reportId) {\n      id\n      frequency\n      weekday\n      dayOfMonth\n      hour\n      paper\n      memberIds\n      emails\n      enabled\n      nextRunAt\n      lastRunAt\n      timezone\n      description\n    }\n    members {\n      userId\n      name\n      email\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportScheduleDeliveries($scheduleId: ID!, $first: Int, $after: String) {\n    reportDeliveries(scheduleId: $scheduleId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          scheduledFor\n          createdAt\n          attemptCount\n          nextAttemptAt\n          error\n          rangeFrom\n          rangeTo\n          timezone\n          recipients {\n            email\n            status\n            reason\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportScheduleDeliveries($scheduleId: ID!, $first: Int, $after: String) {\n    reportDeliveries(scheduleId: $scheduleId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          scheduledFor\n          createdAt\n          attemptCount\n          nextAttemptAt\n          error\n          rangeFrom\n          rangeTo\n          timezone\n          recipients {\n            email\n            status\n            reason\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {\n    createReportSchedule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {\n    createReportSchedule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateReportSchedule($id: ID!, $input: UpdateReportScheduleInput!) {\n    updateReportSchedule(id: $id, input: $input) {\n      id\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateReportSchedule($id: ID!, $input: UpdateReportScheduleInput!) {\n    updateReportSchedule(id: $id, input: $input) {\n      id\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseReportSchedule($id: ID!) {\n    pauseReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation PauseReportSchedule($id: ID!) {\n    pauseReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeReportSchedule($id: ID!) {\n    resumeReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeReportSchedule($id: ID!) {\n    resumeReportSchedule(id: $id) {\n      id\n      enabled\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteReportSchedule($id: ID!) {\n    deleteReportSchedule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteReportSchedule($id: ID!) {\n    deleteReportSchedule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryReportDelivery($id: ID!) {\n    retryReportDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RetryReportDelivery($id: ID!) {\n    retryReportDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportView($id: ID!) {\n    reportData(id: $id) {\n      ...ReportDocument_ReportData\n    }\n  }\n"): (typeof documents)["\n  query ReportView($id: ID!) {\n    reportData(id: $id) {\n      ...ReportDocument_ReportData\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reports {\n    customReports {\n      id\n      name\n      updatedAt\n      sections\n      range {\n        preset\n        from\n        to\n      }\n    }\n  }\n"): (typeof documents)["\n  query Reports {\n    customReports {\n      id\n      name\n      updatedAt\n      sections\n      range {\n        preset\n        from\n        to\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReport($input: CreateCustomReportInput!) {\n    createCustomReport(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReport($input: CreateCustomReportInput!) {\n    createCustomReport(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameReport($id: ID!, $name: String!) {\n    updateCustomReport(id: $id, input: { name: $name }) {\n      id\n      name\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RenameReport($id: ID!, $name: String!) {\n    updateCustomReport(id: $id, input: { name: $name }) {\n      id\n      name\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteReport($id: ID!) {\n    deleteCustomReport(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteReport($id: ID!) {\n    deleteCustomReport(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportShareLinks($reportId: ID!) {\n    reportShareLinks(reportId: $reportId) {\n      id\n      label\n      expiresAt\n      hasPassword\n      revokedAt\n      viewCount\n      lastViewedAt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query ReportShareLinks($reportId: ID!) {\n    reportShareLinks(reportId: $reportId) {\n      id\n      label\n      expiresAt\n      hasPassword\n      revokedAt\n      viewCount\n      lastViewedAt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReportShareLink($input: CreateReportShareLinkInput!) {\n    createReportShareLink(input: $input) {\n      url\n      link {\n        id\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReportShareLink($input: CreateReportShareLinkInput!) {\n    createReportShareLink(input: $input) {\n      url\n      link {\n        id\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeReportShareLink($id: ID!) {\n    revokeReportShareLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeReportShareLink($id: ID!) {\n    revokeReportShareLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedReport($token: String!, $password: String) {\n    sharedReport(token: $token, password: $password) {\n      expiresAt\n      data {\n        ...ReportDocument_ReportData\n      }\n    }\n  }\n"): (typeof documents)["\n  query SharedReport($token: String!, $password: String) {\n    sharedReport(token: $token, password: $password) {\n      expiresAt\n      data {\n        ...ReportDocument_ReportData\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnsubscribeReportEmail($token: String!) {\n    unsubscribeReportEmail(token: $token) {\n      email\n      reportName\n    }\n  }\n"): (typeof documents)["\n  mutation UnsubscribeReportEmail($token: String!) {\n    unsubscribeReportEmail(token: $token) {\n      email\n      reportName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportReport($id: ID!, $format: ReportExportFormat!, $paper: ReportPaper) {\n    exportReport(id: $id, format: $format, paper: $paper) {\n      filename\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  mutation ExportReport($id: ID!, $format: ReportExportFormat!, $paper: ReportPaper) {\n    exportReport(id: $id, format: $format, paper: $paper) {\n      filename\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountForm_User on User {\n    id\n    name\n    firstName\n    lastName\n    company\n    email\n  }\n"): (typeof documents)["\n  fragment AccountForm_User on User {\n    id\n    name\n    firstName\n    lastName\n    company\n    email\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) {\n      id\n      ...AccountForm_User\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccount($input: UpdateAccountInput!) {\n    updateAccount(input: $input) {\n      id\n      ...AccountForm_User\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      createdAt\n      createdByName\n      lastUsedAt\n      lastUsedIp\n      previousSecretExpiresAt\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      status\n      expiresAt\n      createdAt\n      createdByName\n      lastUsedAt\n      lastUsedIp\n      previousSecretExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiKey($id: ID!, $overlapHours: Int!) {\n    rotateApiKey(id: $id, overlapHours: $overlapHours) {\n      secret\n      apiKey {\n        id\n        name\n        previousSecretExpiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateApiKey($id: ID!, $overlapHours: Int!) {\n    rotateApiKey(id: $id, overlapHours: $overlapHours) {\n      secret\n      apiKey {\n        id\n        name\n        previousSecretExpiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BrandForm_UserProfile on UserProfile {\n    id\n    brandName\n    brandDescription\n    industry\n    targetAudience\n    brandValues\n    businessGoals\n    timezone\n  }\n"): (typeof documents)["\n  fragment BrandForm_UserProfile on UserProfile {\n    id\n    brandName\n    brandDescription\n    industry\n    targetAudience\n    brandValues\n    businessGoals\n    timezone\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      onboardingCompleted\n      ...BrandForm_UserProfile\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      onboardingCompleted\n      ...BrandForm_UserProfile\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectedApps {\n    connectedApps {\n      id\n      appName\n      workspaceId\n      workspaceName\n      scopes\n      createdAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  query ConnectedApps {\n    connectedApps {\n      id\n      appName\n      workspaceId\n      workspaceName\n      scopes\n      createdAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeConnectedApp($id: ID!) {\n    revokeConnectedApp(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeConnectedApp($id: ID!) {\n    revokeConnectedApp(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logout(allSessions: true)\n  }\n"): (typeof documents)["\n  mutation LogoutEverywhere {\n    logout(allSessions: true)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Plans {\n    plans {\n      tier\n      maxPlatforms\n      historyDays\n      priceCents\n    }\n    me {\n      id\n      subscriptionTier\n    }\n    billing {\n      charges\n      provider\n    }\n  }\n"): (typeof documents)["\n  query Plans {\n    plans {\n      tier\n      maxPlatforms\n      historyDays\n      priceCents\n    }\n    me {\n      id\n      subscriptionTier\n    }\n    billing {\n      charges\n      provider\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeSubscription($tier: SubscriptionTier!) {\n    changeSubscription(tier: $tier) {\n      id\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeSubscription($tier: SubscriptionTier!) {\n    changeSubscription(tier: $tier) {\n      id\n      subscriptionTier\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settings {\n    me {\n      id\n      ...AccountForm_User\n      profile {\n        id\n        ...BrandForm_UserProfile\n      }\n    }\n  }\n"): (typeof documents)["\n  query Settings {\n    me {\n      id\n      ...AccountForm_User\n      profile {\n        id\n        ...BrandForm_UserProfile\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      events\n      description\n      enabled\n      createdAt\n      failingSince\n      lastSuccessAt\n      disabledAt\n      disabledReason\n      secretRotatedAt\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEndpoints {\n      id\n      url\n      events\n      description\n      enabled\n      createdAt\n      failingSince\n      lastSuccessAt\n      disabledAt\n      disabledReason\n      secretRotatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          messageId\n          status\n          attemptCount\n          nextAttemptAt\n          lastAttemptAt\n          responseStatus\n          durationMs\n          error\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($endpointId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          messageId\n          status\n          attemptCount\n          nextAttemptAt\n          lastAttemptAt\n          responseStatus\n          durationMs\n          error\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      enabled\n      disabledAt\n      disabledReason\n      failingSince\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) {\n      id\n      enabled\n      disabledAt\n      disabledReason\n      failingSince\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        id\n        url\n        secretRotatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        id\n        url\n        secretRotatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) {\n      id\n      name\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) {\n      id\n      name\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellWorkspaces {\n    activeWorkspace {\n      id\n      name\n      viewerRole\n      ownerId\n      memberCount\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n    workspaces {\n      id\n      name\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  query ShellWorkspaces {\n    activeWorkspace {\n      id\n      name\n      viewerRole\n      ownerId\n      memberCount\n      plan {\n        tier\n        maxPlatforms\n        historyDays\n      }\n    }\n    workspaces {\n      id\n      name\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientTestMe {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query ClientTestMe {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceTestMe {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query WorkspaceTestMe {\n    me {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;